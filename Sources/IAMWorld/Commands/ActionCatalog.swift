import Diagnostics
import Foundation

/// The IAM actions of the services the bank uses, for tab completion and did-you-mean in the sandbox.
///
/// Read from `Catalog/actions.txt` (embedded at build time): `[prefix] Service name | reference URL`
/// section lines, then one `ActionName<TAB>Access level` line per action, from the AWS Service
/// Authorization Reference.
public struct ActionCatalog: Sendable {
    public struct Service: Sendable {
        public var prefix: String
        public var name: String
        public var reference: String
        /// Action names without the prefix, with their access level (`Read`, `Write`, `List`, ...).
        public var actions: [(name: String, accessLevel: String)]
    }

    public var services: [Service]

    /// The catalog compiled into the binary.
    public static let builtIn: ActionCatalog = {
        let text = EmbeddedCatalogFiles.files.first { $0.name == "actions.txt" }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        return ActionCatalog(parsing: text)
    }()

    /// Parses the catalog text; malformed lines are skipped (the file is ours and tested).
    public init(parsing text: String) {
        var services: [Service] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let prefix = String(line[line.index(after: line.startIndex)..<close])
                let rest = line[line.index(after: close)...].split(separator: "|", maxSplits: 1)
                services.append(Service(prefix: prefix, name: rest.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? prefix,
                                        reference: rest.count > 1 ? rest[1].trimmingCharacters(in: .whitespaces) : "", actions: []))
                continue
            }
            let fields = raw.split(separator: "\t", maxSplits: 1)
            guard !services.isEmpty, let name = fields.first, !name.isEmpty else { continue }
            services[services.count - 1].actions.append((String(name), fields.count > 1 ? String(fields[1]) : ""))
        }
        self.services = services
    }

    /// Every action as `prefix:Name`.
    public var allActions: [String] {
        services.flatMap { service in service.actions.map { "\(service.prefix):\($0.name)" } }
    }

    /// Whether the catalog lists the action (ignoring case, as IAM does); unknown services are not judged.
    public func knows(_ action: String) -> Bool? {
        let parts = action.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let service = services.first(where: { $0.prefix == parts[0].lowercased() }) else { return nil }
        if parts[1].contains("*") || parts[1].contains("?") { return true }
        return service.actions.contains { $0.name.lowercased() == parts[1].lowercased() }
    }

    /// The closest listed action to a misspelled one, for a did-you-mean.
    public func suggestion(for action: String) -> String? {
        let parts = action.split(separator: ":", maxSplits: 1)
        let candidates = parts.count == 2
            ? (services.first { $0.prefix == parts[0].lowercased() }.map { s in s.actions.map { "\(s.prefix):\($0.name)" } } ?? allActions)
            : allActions
        return closestMatch(to: action, in: candidates)
    }
}
