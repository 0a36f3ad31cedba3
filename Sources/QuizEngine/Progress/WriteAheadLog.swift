import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the write-ahead log a crashed session left beside the progress database, before SQLite opens it.
///
/// After a killed quiz, the latest answers may exist only in `progress.sqlite-wal`. SQLite reads a WAL up
/// to its first frame that fails its checksum and ignores the rest, and a header that fails its checksum
/// makes it ignore the whole file; when the last connection closes, the WAL is then deleted. A damaged
/// WAL would so lose answers without a word. This check finds that case, so that the store can move the
/// database with its WAL and shared-memory files aside, as it does for a damaged database file.
///
/// The format is SQLite's (https://www.sqlite.org/fileformat.html, "The Write-Ahead Log"): a 32-byte
/// header (magic, version, page size, checkpoint sequence, two salts, a checksum of the first 24 bytes),
/// then frames of a 24-byte header (page number, database size after a commit or 0, the two salts, a
/// cumulative checksum) and one page. Frames of the current log carry the header's salts.
///
/// What counts as damage: a header that fails its checksum while frames follow it, or a frame of the
/// current log (its salts match) that fails its checksum while a commit frame of the current log comes
/// after it: committed transactions would be lost. A frame cut short or failing at the end, with no
/// commit after it, is a transaction the crash interrupted; SQLite drops it, as it should.
enum WriteAheadLog {
    /// What is wrong with the WAL at `path`, or nil when it is absent, empty, sound, or in use.
    static func damage(databasePath path: String) -> String? {
        let walPath = path + "-wal"
        guard let size = fileSize(walPath), size > headerSize else { return nil }
        // A WAL that another connection has open is live, not left by a crash, and may change while read.
        guard !inUse(databasePath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: walPath) else { return nil }
        return damage(in: [UInt8](data))
    }

    static let headerSize = 32

    /// The size of the file at `path` in bytes (following links), or nil when it cannot be `stat`ed.
    ///
    /// A plain `stat`: Foundation's `attributesOfItem` also looks up the owner's user and group names in
    /// `/etc/passwd` and `/etc/group`, which costs about half a millisecond on every start of a quiz.
    static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }
    static let frameHeaderSize = 24

    /// The same check on the bytes of a WAL.
    static func damage(in bytes: [UInt8]) -> String? {
        guard bytes.count > headerSize else { return nil }
        let magic = word(bytes, 0)
        let pageSize = Int(word(bytes, 8))
        let bigEndianSums = magic == 0x377F_0683
        let validHeader = (magic == 0x377F_0682 || bigEndianSums) && word(bytes, 4) == 3_007_000
            && pageSize >= 512 && pageSize <= 65_536 && pageSize & (pageSize - 1) == 0
            && checksum(bytes, 0..<24, from: (0, 0), bigEndian: bigEndianSums) == (word(bytes, 24), word(bytes, 28))
        guard validHeader else {
            return bytes.count >= headerSize + frameHeaderSize + 512
                ? "its write-ahead log has a damaged header; the answers in it would be lost" : nil
        }
        let salts = (word(bytes, 16), word(bytes, 20))
        var sums = (word(bytes, 24), word(bytes, 28))
        var offset = headerSize
        var frame = 0
        var firstBad: Int?
        while offset + frameHeaderSize + pageSize <= bytes.count {
            frame += 1
            let current = (word(bytes, offset + 8), word(bytes, offset + 12)) == salts
            let isCommit = word(bytes, offset + 4) != 0
            if firstBad == nil {
                var computed = checksum(bytes, offset..<(offset + 8), from: sums, bigEndian: bigEndianSums)
                computed = checksum(bytes, (offset + frameHeaderSize)..<(offset + frameHeaderSize + pageSize), from: computed,
                                    bigEndian: bigEndianSums)
                if current, computed == (word(bytes, offset + 16), word(bytes, offset + 20)) {
                    sums = computed
                } else {
                    firstBad = frame
                }
            } else if current, isCommit, let firstBad {
                return "its write-ahead log is damaged at frame \(firstBad), and committed answers come after it"
            }
            offset += frameHeaderSize + pageSize
        }
        return nil
    }

    /// A big-endian 32-bit word (WAL headers are big-endian whatever the checksums' byte order).
    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    /// SQLite's WAL checksum over `range` (a multiple of 8 bytes), continuing from `start`.
    private static func checksum(_ bytes: [UInt8], _ range: Range<Int>, from start: (UInt32, UInt32),
                                 bigEndian: Bool) -> (UInt32, UInt32) {
        var (s0, s1) = start
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let x0 = bigEndian ? word(bytes, i) : word(bytes, i).byteSwapped
            let x1 = bigEndian ? word(bytes, i + 4) : word(bytes, i + 4).byteSwapped
            s0 = s0 &+ x0 &+ s1
            s1 = s1 &+ x1 &+ s0
            i += 8
        }
        return (s0, s1)
    }

    /// Whether a connection (of any process, this one included) has the database open.
    ///
    /// Every SQLite connection to a WAL database holds a shared lock on byte 128 of the `-shm` file (the
    /// "DMS" lock of SQLite's unix VFS) while it is open. An open-file-description lock, unlike a classic
    /// POSIX lock, conflicts with those of this process too, and is released without touching SQLite's
    /// own locks when its descriptor closes. Where such locks do not exist, the WAL is taken as in use,
    /// and not checked.
    static func inUse(databasePath path: String) -> Bool {
        #if os(Linux)
        let fd = open(path + "-shm", O_RDWR | O_CLOEXEC)
        if fd < 0 { return errno != ENOENT }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        let openFileDescriptionSetLock: Int32 = 37  // F_OFD_SETLK
        guard fcntl(fd, openFileDescriptionSetLock, &lock) == 0 else { return true }
        lock.l_type = Int16(F_UNLCK)
        _ = fcntl(fd, openFileDescriptionSetLock, &lock)
        return false
        #else
        return true
        #endif
    }
}
