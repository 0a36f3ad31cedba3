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
        let result = nextLine()
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

    private func nextLine() -> LineReadResult {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                buffer.removeFirst()  // the newline
                scanned = 0
                return .line(line)
            }
            scanned = buffer.count
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
