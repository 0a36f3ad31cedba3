public import Diagnostics

/// Fixture text with position markers (1️⃣, 2️⃣, ...) in the style of swift-format's tests: the markers
/// are removed and their 1-based line and column (in Unicode scalars, as `SourceLocation` counts) are
/// recorded. Shared by the test targets that check diagnostics at marked positions.
public struct MarkedText: Sendable {
    public static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    public let text: String
    public let positions: [Character: SourceLocation]

    public init(_ marked: String) {
        var text = ""
        var positions: [Character: SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if Self.markers.contains(character) {
                positions[character] = SourceLocation(line: line, column: column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.positions = positions
    }

    /// The position of a marker (0:0 when the fixture has no such marker, which fails the comparison).
    public subscript(_ marker: Character) -> SourceLocation {
        positions[marker] ?? SourceLocation(line: 0, column: 0)
    }
}
