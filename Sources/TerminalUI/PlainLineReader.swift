#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import CEditLine

/// A reader for input that is not a terminal (a pipe or a file), or a terminal without editing.
///
/// It writes the prompt to standard output (flushed, with no newline) and reads standard
/// input directly (`read(2)`, not through `stdin`'s buffer), a line at a time:
/// - a line ends at `\n`; a `\r` before it is dropped (CRLF files);
/// - a last line without a newline is still returned, then ``LineReadResult/endOfInput``;
/// - invalid UTF-8 becomes U+FFFD replacement characters; a UTF-8 byte order mark at the very
///   start of the input is dropped;
/// - a read interrupted by a signal (with ``InterruptTrap`` installed) returns
///   ``LineReadResult/interrupted``; input already received is kept for the next call.
///
/// When the input is a terminal, end of input and interrupts write a newline, so that the next
/// output starts on a fresh line.
///
/// End of input is not sticky: the next call reads again, so after Ctrl-D at a terminal the
/// program may still ask a question. A pipe or file at its end simply keeps reporting it.
public final class PlainLineReader: LineReader {
    private let fileDescriptor: Int32
    private let writeOutput: (String) -> Void
    private let echo: Bool
    private let inputIsTerminal: Bool
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` before this index were already searched for a newline.
    private var scanned = 0
    private var atStartOfInput = true

    /// Creates a reader of standard input that prompts on standard output.
    ///
    /// With `echo`, each line read is written back after the prompt (followed by a newline),
    /// so that a transcript of a session fed from a file reads like one typed at a terminal.
    public convenience init(echo: Bool = false) {
        self.init(fileDescriptor: 0, echo: echo) { text in
            let output = iq_stdout()
            fputs(text, output)
            fflush(output)
        }
    }

    /// Creates a reader of `fileDescriptor` that passes prompts (and echoes) to `writeOutput`.
    init(fileDescriptor: Int32, echo: Bool = false, writeOutput: @escaping (String) -> Void) {
        self.fileDescriptor = fileDescriptor
        self.echo = echo
        self.inputIsTerminal = isatty(fileDescriptor) == 1
        self.writeOutput = writeOutput
    }

    /// Writes `prompt` and reads the next line.
    public func readLine(prompt: String) -> LineReadResult {
        if !prompt.isEmpty {
            writeOutput(prompt)
        }
        return finishRead(nextLine(live: nil) ?? .endOfInput)
    }

    /// Writes the prompt once (a plain output cannot redraw it) and reads the next line, or gives up when
    /// the time of `live` runs out while no complete line has arrived (`poll(2)` between refreshes).
    public func readLine(live: LivePrompt) -> LiveReadResult {
        let prompt = live.text()
        if !prompt.isEmpty {
            writeOutput(prompt)
        }
        guard let result = nextLine(live: live) else {
            if echo || inputIsTerminal { writeOutput("\n") }
            return .timeUp
        }
        return .input(finishRead(result))
    }

    /// Echoes a line read, or ends the prompt's line after Ctrl-D or Ctrl-C at a terminal.
    private func finishRead(_ result: LineReadResult) -> LineReadResult {
        switch result {
        case .line(let text):
            // The echo shows typed text in the transcript; it never passes control sequences through.
            if echo { writeOutput(TextSanitizer.clean(text) + "\n") }
        case .endOfInput, .interrupted:
            // Ctrl-D or Ctrl-C at a terminal leaves the cursor after the prompt.
            if echo || inputIsTerminal { writeOutput("\n") }
        }
        return result
    }

    /// The next line; nil when the time of `live` ran out first.
    private func nextLine(live: LivePrompt?) -> LineReadResult? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                buffer.removeFirst()  // the newline
                scanned = 0
                return .line(line)
            }
            scanned = buffer.count
            if let live {
                switch waitForInput(live) {
                case .ready: break
                case .timeUp: return nil
                case .interrupted: return .interrupted
                }
            }
            switch fill() {
            case .data:
                continue
            case .end:
                guard !buffer.isEmpty else { return .endOfInput }
                let line = takeLine(upTo: buffer.count)
                scanned = 0
                return .line(line)
            case .interrupted:
                return .interrupted
            }
        }
    }

    /// Removes `buffer[..<end]` and decodes it as a line.
    private func takeLine(upTo end: Int) -> String {
        var bytes = buffer[..<end]
        if bytes.last == UInt8(ascii: "\r") {
            bytes = bytes.dropLast()
        }
        if atStartOfInput {
            atStartOfInput = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes = bytes.dropFirst(3)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        buffer.removeFirst(end)
        return text
    }

    private enum WaitResult {
        case ready, timeUp, interrupted
    }

    /// Waits until input is ready to read or the time of `live` is up, waking at each refresh interval.
    private func waitForInput(_ live: LivePrompt) -> WaitResult {
        while true {
            // A signal that came between two waits (its handler ran outside poll) ends the read too.
            if InterruptTrap.wasInterrupted { return .interrupted }
            if live.isOver { return .timeUp }
            var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let timeout = live.pollTimeout
            let (ready, failure) = InterruptTrap.interruptibleRead { () -> (Int32, Int32) in
                let ready = poll(&descriptor, 1, timeout)
                return (ready, ready < 0 ? errno : 0)
            }
            if ready > 0 { return .ready }
            if ready < 0 {
                if failure == EINTR { return .interrupted }
                return .ready  // let read(2) report the error as the end of input
            }
        }
    }

    private enum FillResult {
        case data, end, interrupted
    }

    /// Reads more input into `buffer`.
    private func fill() -> FillResult {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let (count, failure) = InterruptTrap.interruptibleRead { () -> (Int, Int32) in
            let count = chunk.withUnsafeMutableBytes { bytes in
                read(fileDescriptor, bytes.baseAddress, bytes.count)
            }
            return (count, count < 0 ? errno : 0)
        }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return .data
        }
        if count < 0 && failure == EINTR {
            return .interrupted
        }
        // 0 is the end of the input; any other error ends it too.
        return .end
    }
}
