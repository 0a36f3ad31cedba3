import GRDB

/// The database schema, as migrations. A released migration is never edited: changes go in a new one.
enum ProgressSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Dates are GRDB's text form ("yyyy-MM-dd HH:mm:ss.SSS", UTC), which sorts and compares as text.
            try db.execute(sql: """
                CREATE TABLE sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mode TEXT NOT NULL,
                    started_at DATETIME NOT NULL,
                    ended_at DATETIME,
                    question_count INTEGER NOT NULL CHECK (question_count >= 0),
                    seed INTEGER,                      -- UInt64 as its Int64 bit pattern
                    filter TEXT NOT NULL DEFAULT '',   -- the filter in words
                    finished BOOLEAN NOT NULL DEFAULT 0
                );
                CREATE INDEX sessions_unfinished ON sessions(finished, started_at);

                CREATE TABLE session_questions (
                    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position >= 0),
                    question_id TEXT NOT NULL,
                    option_order TEXT NOT NULL,        -- bank indices in display order: "2,0,3,1"
                    flagged BOOLEAN NOT NULL DEFAULT 0,
                    answered BOOLEAN NOT NULL DEFAULT 0,
                    PRIMARY KEY (session_id, position)
                );

                CREATE TABLE answers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
                    question_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    chosen TEXT NOT NULL,              -- bank letters: "B,D"
                    correct BOOLEAN NOT NULL,
                    seconds DOUBLE NOT NULL,
                    answered_at DATETIME NOT NULL,     -- UTC
                    local_hour INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
                    mode TEXT NOT NULL,
                    retried BOOLEAN NOT NULL DEFAULT 0
                );
                CREATE INDEX answers_by_question ON answers(question_id, answered_at);
                CREATE INDEX answers_by_time ON answers(answered_at);
                CREATE INDEX answers_by_session ON answers(session_id);

                CREATE TABLE cards (
                    question_id TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    step INTEGER,
                    stability DOUBLE,
                    difficulty DOUBLE,
                    due DATETIME NOT NULL,
                    last_review DATETIME,
                    reps INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
                    lapses INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0)
                );
                CREATE INDEX cards_by_due ON cards(due);
                """)
        }
        migrator.registerMigration("v2-totals") { db in
            // Totals per question and per local day, kept by triggers, so that stats never scan all answers.
            try db.execute(sql: """
                ALTER TABLE answers ADD COLUMN local_day TEXT;
                UPDATE answers SET local_day = date(answered_at, 'localtime');
                CREATE TABLE answer_totals_by_question (
                    question_id TEXT PRIMARY KEY,
                    answers INTEGER NOT NULL,
                    correct INTEGER NOT NULL
                );
                CREATE TABLE answer_totals_by_day (
                    day TEXT PRIMARY KEY,
                    answers INTEGER NOT NULL,
                    correct INTEGER NOT NULL
                );
                INSERT INTO answer_totals_by_question
                    SELECT question_id, COUNT(*), SUM(correct) FROM answers GROUP BY question_id;
                INSERT INTO answer_totals_by_day
                    SELECT local_day, COUNT(*), SUM(correct) FROM answers GROUP BY local_day;
                CREATE TRIGGER answers_totals AFTER INSERT ON answers BEGIN
                    INSERT INTO answer_totals_by_question (question_id, answers, correct)
                        VALUES (NEW.question_id, 1, NEW.correct)
                        ON CONFLICT(question_id) DO UPDATE SET answers = answers + 1, correct = correct + NEW.correct;
                    INSERT INTO answer_totals_by_day (day, answers, correct)
                        VALUES (COALESCE(NEW.local_day, date(NEW.answered_at, 'localtime')), 1, NEW.correct)
                        ON CONFLICT(day) DO UPDATE SET answers = answers + 1, correct = correct + NEW.correct;
                END;
                """)
        }
        migrator.registerMigration("v3-exam-answers") { db in
            // An exam's answers are graded at the end; until then each is kept here as soon as it is given
            // (bank letters, e.g. "B,D"), so a killed exam loses nothing and can be resumed.
            try db.execute(sql: """
                ALTER TABLE session_questions ADD COLUMN pending_answer TEXT;
                ALTER TABLE session_questions ADD COLUMN seconds REAL NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v4-time-flags-meta") { db in
            // An exam's time limit and the time spent in it so far, so a resumed exam keeps its clock;
            // questions the learner flagged in practice, for `review`; facts about the store itself
            // (when it was last checked).
            try db.execute(sql: """
                ALTER TABLE sessions ADD COLUMN time_limit_seconds REAL;
                ALTER TABLE sessions ADD COLUMN elapsed_seconds REAL NOT NULL DEFAULT 0;
                CREATE TABLE flagged_questions (
                    question_id TEXT PRIMARY KEY NOT NULL,
                    flagged_at DATETIME NOT NULL
                );
                CREATE TABLE store_meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5-first-and-latest") { db in
            // Whether each question's first and latest answers were right: readiness judges ability on new
            // questions by first answers, and knowledge by the latest (see `Readiness`).
            try db.execute(sql: """
                ALTER TABLE answer_totals_by_question ADD COLUMN first_correct BOOLEAN;
                ALTER TABLE answer_totals_by_question ADD COLUMN last_correct BOOLEAN;
                UPDATE answer_totals_by_question SET
                    first_correct = (SELECT correct FROM answers a WHERE a.question_id = answer_totals_by_question.question_id
                                     ORDER BY a.id LIMIT 1),
                    last_correct = (SELECT correct FROM answers a WHERE a.question_id = answer_totals_by_question.question_id
                                    ORDER BY a.id DESC LIMIT 1);
                DROP TRIGGER answers_totals;
                CREATE TRIGGER answers_totals AFTER INSERT ON answers BEGIN
                    INSERT INTO answer_totals_by_question (question_id, answers, correct, first_correct, last_correct)
                        VALUES (NEW.question_id, 1, NEW.correct, NEW.correct, NEW.correct)
                        ON CONFLICT(question_id) DO UPDATE SET answers = answers + 1, correct = correct + NEW.correct,
                                                               last_correct = NEW.correct;
                    INSERT INTO answer_totals_by_day (day, answers, correct)
                        VALUES (COALESCE(NEW.local_day, date(NEW.answered_at, 'localtime')), 1, NEW.correct)
                        ON CONFLICT(day) DO UPDATE SET answers = answers + 1, correct = correct + NEW.correct;
                END;
                """)
        }
        migrator.registerMigration("v6-exams-sessions-ratings") { db in
            // For studying like the exam (issue 13): the banks a session used (JSON array of paths, empty for
            // the built-in bank) and a digest of their questions, so `resume` reloads them and says when they
            // changed; an exam's blueprint and its graded report (JSON), kept for `iamquiz exams`; per answer,
            // the letters the learner saw (display order, "A,C"), the FSRS rating applied ("again", "hard",
            // "good", "easy") and whether the learner marked a right answer as a guess.
            try db.execute(sql: """
                ALTER TABLE sessions ADD COLUMN banks TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE sessions ADD COLUMN bank_digest TEXT;
                ALTER TABLE sessions ADD COLUMN blueprint TEXT;
                ALTER TABLE sessions ADD COLUMN report TEXT;
                ALTER TABLE answers ADD COLUMN shown TEXT;
                ALTER TABLE answers ADD COLUMN rating TEXT;
                ALTER TABLE answers ADD COLUMN guessed BOOLEAN NOT NULL DEFAULT 0;
                CREATE INDEX sessions_by_mode ON sessions(mode, finished, started_at);
                """)
        }
        return migrator
    }
}
