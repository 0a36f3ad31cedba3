import Foundation
import GRDB

// Facts about the store itself, kept in `store_meta` (no schema change): the id that makes a results
// file's answers unique across learners, and the name the learner last gave for a results export.

extension ProgressStore {
    /// The `store_meta` key of the store's id.
    static let storeIDKey = "store_id"
    /// The `store_meta` key of the learner's name as last given to `iamquiz results export`.
    static let learnerNameKey = "learner_name"

    /// The store's id: a random UUID made the first time it is asked for and kept from then on, so that the
    /// same answers handed in twice (two exports of one profile) are recognised as the same answers.
    ///
    /// Made and read in one transaction: two exports at once agree on the id. `resetProgress()` keeps it
    /// (answer numbers are never reused either, so `<store id>/<answer number>` stays unique).
    public func storeID() throws -> String {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)",
                           arguments: [Self.storeIDKey, UUID().uuidString.lowercased()])
            return try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = ?", arguments: [Self.storeIDKey]) ?? ""
        }
    }

    /// The learner's name as last given for a results export of this profile, or nil; offered as the default
    /// when the export asks for the name again (never used without asking).
    public func rememberedLearnerName() throws -> String? {
        try write { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = ?", arguments: [Self.learnerNameKey])
        }
    }

    /// Keeps the learner's name for the next export's question.
    public func rememberLearnerName(_ name: String) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                           arguments: [Self.learnerNameKey, name])
        }
    }
}
