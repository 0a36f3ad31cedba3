#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
@preconcurrency import CEditLine

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A terminal line reader built on libedit: line editing, history and tab completion.
///
/// - Editing uses emacs key bindings; `~/.editrc` is read, so users can change them.
/// - Every non-empty line is added to an in-memory history (Up/Down, Ctrl-P/Ctrl-N, Ctrl-R);
///   with a `historyFile`, the history is loaded from it at start and written back (mode
///   0600, creating its folder) after each line.
/// - Tab completes the word before the cursor from `completions`: a single match is
///   completed, several matches are completed to their longest common prefix or listed.
/// - Ctrl-D on an empty line gives ``LineReadResult/endOfInput``. Ctrl-C gives
///   ``LineReadResult/interrupted`` when ``InterruptTrap`` is installed (otherwise SIGINT
///   ends the program as usual). libedit puts the terminal back in its normal mode before
///   the signal reaches the program, and the reader resets the editor afterwards.
///   Either way, a newline is written so that the next output starts on a fresh line.
///
/// `LC_CTYPE` is taken from the environment when it names a UTF-8 locale and is set to
/// `C.UTF-8` otherwise, because libedit drops non-ASCII input under the C locale.
///
/// Ctrl-C interrupts a read on any thread (see ``InterruptTrap``); only one reader should
/// wait for input at a time.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let historyPath: String?
    private var historyFolderReady = false
    /// The words Tab completes.
    public let completions: [String]
    /// When set, gives the candidates for the word before the cursor from the whole text before the
    /// cursor (the sandbox completes commands, then role ARNs or action names depending on the
    /// command); `completions` is used otherwise.
    public var completionProvider: ((String) -> [String])?
    /// At most this many candidates are listed; the rest are counted.
    public static let maximumListedChoices = 60
    /// The prompt libedit draws, with escape sequences marked as taking no room.
    private var promptStorage: UnsafeMutablePointer<CChar>
    /// The live prompt of the read in progress, if it has one, and its text on screen.
    private var live: LivePrompt?
    private var shownPrompt = ""
    /// Whether the read in progress ended because its time was up.
    private var timedOut = false
    private let inputDescriptor: Int32

    /// Creates a reader of standard input, or returns nil when standard input is not a
    /// terminal (or libedit cannot start).
    ///
    /// - Parameters:
    ///   - programName: the name `~/.editrc` settings are selected by.
    ///   - historyFile: where to keep the history between runs; nil keeps it in memory only.
    ///   - completions: the words Tab completes, such as `skip`, `quit` and `help`.
    public convenience init?(programName: String, historyFile: URL? = nil, completions: [String] = []) {
        guard TerminalInfo.isTerminal(0), let input = iq_stdin(), let output = iq_stdout(),
              let error = iq_stderr()
        else { return nil }
        self.init(
            programName: programName, historyFile: historyFile, completions: completions,
            input: input, output: output, error: error,
            handleSignals: true, readEditrc: true)
    }

    /// Creates a reader on the given streams; `input` must be a terminal.
    ///
    /// `handleSignals` is libedit's `EL_SIGNAL`; tests turn it off, because libedit passes a
    /// signal on with `kill(0, ...)`, which reaches the whole process group.
    init?(
        programName: String, historyFile: URL?, completions: [String],
        input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
        error: UnsafeMutablePointer<FILE>, handleSignals: Bool, readEditrc: Bool
    ) {
        guard isatty(fileno(input)) == 1 else { return nil }
        EditLineReader.configureLocale()
        guard let editLine = el_init(programName, input, output, error) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.output = output
        self.inputDescriptor = fileno(input)
        self.completions = completions
        self.historyPath = historyFile.map { $0.path(percentEncoded: false) }
        self.promptStorage = makeCString("")

        iq_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        iq_el_set_prompt_esc(editLine, editLinePrompt, promptIgnoreMarker)
        iq_el_set_editor(editLine, "emacs")
        iq_el_set_signal(editLine, handleSignals ? 1 : 0)
        iq_history_set_size(history, 1000)
        iq_history_set_unique(history, 1)
        iq_el_set_history(editLine, history)
        iq_el_add_function(editLine, "iq-complete", "Complete a command word", editLineComplete)
        iq_el_bind(editLine, "^I", "iq-complete")
        if readEditrc {
            el_source(editLine, nil)
        }
        if let historyPath {
            iq_history_load(history, historyPath)  // a missing file is not an error
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        promptStorage.deallocate()
    }

    /// The number of lines in the history.
    public var historyCount: Int {
        Int(iq_history_count(history))
    }

    /// Shows `prompt` and lets the user edit a line.
    ///
    /// The prompt may contain ANSI escape sequences (from ``Style``); they are marked for
    /// libedit as taking no room, so the cursor stays in the right column.
    public func readLine(prompt: String) -> LineReadResult {
        setPrompt(prompt)
        return readEditedLine() ?? .endOfInput
    }

    /// Shows the prompt of `live` and lets the user edit a line; while no key comes, the prompt is
    /// redrawn every ``LivePrompt/refreshInterval`` seconds with its new text, and when the time is up
    /// the read ends (``LiveReadResult/timeUp``) with the cursor on a fresh line.
    ///
    /// libedit reads the keys through ``readCharacter(into:)`` meanwhile (`EL_GETCFN`), which waits
    /// with `poll(2)` and so can wake up; libedit's own reader is put back afterwards.
    public func readLine(live: LivePrompt) -> LiveReadResult {
        self.live = live
        timedOut = false
        shownPrompt = live.text()
        setPrompt(shownPrompt)
        iq_el_set_getcfn(editLine, editLineGetCharacter)
        defer {
            iq_el_set_getcfn(editLine, nil)
            self.live = nil
        }
        guard let result = readEditedLine() else { return .timeUp }
        return .input(result)
    }

    /// Runs `el_gets` with the prompt set; nil when a live prompt's time ran out.
    private func readEditedLine() -> LineReadResult? {
        var count: Int32 = 0
        let (raw, failure) = InterruptTrap.interruptibleRead { () -> (UnsafePointer<CChar>?, Int32) in
            errno = 0
            let raw = el_gets(editLine, &count)
            return (raw, errno)
        }
        guard let raw else {
            write("\n")
            if timedOut {
                el_reset(editLine)
                return nil
            }
            if failure == EINTR {
                el_reset(editLine)
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)  // invalid UTF-8 is repaired with U+FFFD
        if line.hasSuffix("\n") {
            line.removeLast()
        }
        if line.contains(where: { !$0.isWhitespace }) {
            iq_history_enter(history, line)
            saveHistory()
        }
        return .line(line)
    }

    // MARK: Callbacks

    /// The prompt for libedit's prompt callback.
    fileprivate var promptPointer: UnsafeMutablePointer<CChar> {
        promptStorage
    }

    /// Handles Tab: completes or lists the candidates for the word before the cursor.
    fileprivate func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let start = info.buffer,
              let cursor = info.cursor
        else { return UInt8(CC_ERROR) }
        let length = max(0, cursor - start)
        let before = UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: length)
        let textBeforeCursor = String(decoding: before, as: UTF8.self)
        let word = String(textBeforeCursor.reversed().prefix { !$0.isWhitespace }.reversed())

        let candidates = completionProvider?(textBeforeCursor) ?? completions
        switch WordCompletion.complete(word, from: candidates) {
        case .noMatch:
            return UInt8(CC_ERROR)
        case .insert(let suffix):
            guard !suffix.isEmpty else { return UInt8(CC_NORM) }
            return el_insertstr(editLine, suffix) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case .choices(let words):
            let listed = words.prefix(Self.maximumListedChoices)
            var text = "\n" + listed.map { TextSanitizer.clean($0) }.joined(separator: "  ")
            if words.count > listed.count { text += "  … and \(words.count - listed.count) more" }
            write(text + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Reads one character for libedit during a live read: waits with `poll(2)`, redraws the prompt at
    /// each refresh interval, and returns -1 (`ETIMEDOUT`) once the time is up, which makes `el_gets`
    /// return NULL. Like libedit's own reader it decodes the locale's multibyte characters and returns
    /// -1 with `EINTR` for Ctrl-C and stop signals; other signals (a window resize) only wake it.
    fileprivate func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [CChar] = []
        while true {
            if let live, bytes.isEmpty {
                // A signal that came between two waits (its handler ran outside poll) ends the read too.
                if InterruptTrap.wasInterrupted {
                    errno = EINTR
                    return -1
                }
                if live.isOver {
                    timedOut = true
                    errno = ETIMEDOUT
                    return -1
                }
                var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, live.pollTimeout)
                if ready == 0 {
                    redrawPrompt()
                    continue
                }
                if ready < 0 {
                    if errno == EINTR, !InterruptTrap.wasInterrupted { continue }
                    return -1
                }
            }
            var byte: CChar = 0
            let count = read(inputDescriptor, &byte, 1)
            if count < 0 {
                if errno == EINTR, !InterruptTrap.wasInterrupted { continue }
                return -1
            }
            if count == 0 { return 0 }
            bytes.append(byte)
            var state = mbstate_t()
            var wide: wchar_t = 0
            let decoded = bytes.withUnsafeBufferPointer { mbrtowc(&wide, $0.baseAddress, $0.count, &state) }
            switch decoded {
            case -2 where bytes.count < Int(MB_LEN_MAX):
                continue  // an incomplete character: read on
            case -2:
                errno = EILSEQ
                return -1
            case -1:
                bytes.removeAll()  // an invalid sequence is dropped
            default:
                character.pointee = wide
                return 1
            }
        }
    }

    /// Draws the live prompt again when its text changed: back to the start of the prompt (above, when
    /// the line wraps), the rest of the screen cleared, then libedit draws prompt and line anew.
    private func redrawPrompt() {
        guard let live else { return }
        let text = live.text()
        guard text != shownPrompt else { return }
        setPrompt(text)
        var cursorColumn = shownPrompt.unicodeScalars.filter { $0.value >= 0x20 }.count
        if let info = el_line(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor {
            cursorColumn += max(0, cursor - start)
        }
        shownPrompt = text
        let rowsUp = cursorColumn / max(1, TerminalInfo.width(fd: fileno(output)))
        write((rowsUp > 0 ? "\u{1B}[\(rowsUp)A" : "") + "\r\u{1B}[J")
        iq_el_refresh(editLine)
    }

    // MARK: Helpers

    private func setPrompt(_ prompt: String) {
        let replacement = makeCString(EditLineReader.encodePrompt(prompt))
        promptStorage.deallocate()
        promptStorage = replacement
    }

    private func write(_ text: String) {
        fputs(text, output)
        fflush(output)
    }

    private func saveHistory() {
        guard let historyPath else { return }
        if !historyFolderReady {
            let folder = URL(fileURLWithPath: historyPath).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            historyFolderReady = true
        }
        iq_history_save(history, historyPath)
    }

    /// Marks each escape sequence in `prompt` with ``promptIgnoreMarker`` on both sides, so
    /// that libedit prints it without counting it; drops stray markers.
    static func encodePrompt(_ prompt: String) -> String {
        let marker = Unicode.Scalar(UInt8(promptIgnoreMarker))
        let scalars = Array(prompt.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == marker {
                index += 1
                continue
            }
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                index += 1
                continue
            }
            result.append(marker)
            result.append(scalar)
            index += 1
            if index < scalars.count, scalars[index] == "[" {
                // CSI: parameters and intermediates up to a final byte.
                result.append(scalars[index])
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    guard next.value >= 0x20 && next.value <= 0x7E else { break }
                    result.append(next)
                    index += 1
                    if next.value >= 0x40 { break }
                }
            } else if index < scalars.count, scalars[index].value >= 0x20,
                      scalars[index].value <= 0x7E {
                result.append(scalars[index])
                index += 1
            }
            result.append(marker)
        }
        return String(result)
    }

    /// Selects a UTF-8 `LC_CTYPE`, once per process.
    static func configureLocale() {
        _ = localeConfigured
    }

    private static let localeConfigured: Bool = {
        if setlocale(LC_CTYPE, "") != nil, currentCodesetIsUTF8() {
            return true
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return true
        }
        return false
    }()

    private static func currentCodesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

/// The character that brackets non-printing parts of the prompt (`EL_PROMPT_ESC`).
private let promptIgnoreMarker: CChar = 1

/// Allocates a NUL-terminated copy of `text` (truncated at an embedded NUL by C readers).
private func makeCString(_ text: String) -> UnsafeMutablePointer<CChar> {
    let bytes = text.utf8CString
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
        if let base = buffer.baseAddress {
            pointer.initialize(from: base, count: buffer.count)
        } else {
            pointer.initialize(to: 0)
        }
    }
    return pointer
}

/// An empty prompt, for a prompt callback that cannot find its reader.
nonisolated(unsafe) private let emptyPrompt: UnsafeMutablePointer<CChar> = makeCString("")

/// libedit's prompt callback: the prompt of the reader stored as `EL_CLIENTDATA`.
private func editLinePrompt(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let editLine, let data = iq_el_get_clientdata(editLine) else { return emptyPrompt }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().promptPointer
}

/// libedit's editor function for Tab: completion by the reader stored as `EL_CLIENTDATA`.
private func editLineComplete(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editLine, let data = iq_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().completeAtCursor()
}

/// libedit's character reader during a live read: ``EditLineReader/readCharacter(into:)`` of the reader
/// stored as `EL_CLIENTDATA`.
private func editLineGetCharacter(_ editLine: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let editLine, let character, let data = iq_el_get_clientdata(editLine) else { return -1 }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().readCharacter(into: character)
}

/// Prefix completion of one word from a list of candidates.
enum WordCompletion: Equatable {
    /// No candidate starts with the word.
    case noMatch
    /// Text to insert after the word: the rest of the only match and a space, or the longest
    /// common prefix of several.
    case insert(String)
    /// Several candidates match and share nothing beyond the word: show them.
    case choices([String])

    /// Completes `word` (case-sensitive prefix match) from `candidates`.
    static func complete(_ word: String, from candidates: [String]) -> WordCompletion {
        var seen = Set<String>()
        let matches = candidates.filter { !$0.isEmpty && $0.hasPrefix(word) && seen.insert($0).inserted }
        guard let first = matches.first else { return .noMatch }
        if matches.count == 1 {
            // The only match is complete: a space follows, ready for the next word.
            return .insert(String(first.dropFirst(word.count)) + " ")
        }
        var common = first[...]
        for match in matches.dropFirst() {
            common = common.commonPrefix(with: match)
        }
        if common.count > word.count {
            return .insert(String(common.dropFirst(word.count)))
        }
        return .choices(matches)
    }
}

extension Substring {
    /// The longest common prefix of `self` and `other`, by characters.
    fileprivate func commonPrefix(with other: String) -> Substring {
        var end = startIndex
        var otherIndex = other.startIndex
        while end < endIndex, otherIndex < other.endIndex, self[end] == other[otherIndex] {
            formIndex(after: &end)
            other.formIndex(after: &otherIndex)
        }
        return self[startIndex..<end]
    }
}
