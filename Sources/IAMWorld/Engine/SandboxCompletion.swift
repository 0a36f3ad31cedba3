import Foundation
import IAMPolicy

/// Tab completion for the sandbox prompt: which words fit where the cursor is, given the command typed
/// so far and the world (principals, role ARNs, instances, sessions) and the action catalog.
public struct SandboxCompletion: Sendable {
    public let catalog: ServiceCatalog

    public init(catalog: ServiceCatalog = .builtIn) {
        self.catalog = catalog
    }

    /// The candidates for the word before the cursor, `textBeforeCursor` being the whole line up to it.
    public func candidates(for textBeforeCursor: String, in sandbox: Sandbox) -> [String] {
        let words = textBeforeCursor.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let atNewWord = textBeforeCursor.isEmpty || textBeforeCursor.hasSuffix(" ")
        // Completed words before the one being typed.
        let done = atNewWord ? words : Array(words.dropLast())
        let current = atNewWord ? "" : (words.last ?? "")
        guard let command = done.first else { return CommandParser.commandNames }
        if current.hasPrefix("-") { return CommandParser.options(for: command) }
        // The value of an option: nothing sensible to offer but documents and roles for a few.
        if let previous = done.last, previous.hasPrefix("--") {
            switch previous {
            case "--policy": return sandbox.documentNames.map { "@" + $0 }
            case "--task-policy": return RootTaskPolicies.actions.keys.sorted()
            case "--via": return sandbox.world.endpoints.keys.sorted()
            default: return []
            }
        }
        let position = done.count  // 1 = first argument
        let world = sandbox.world
        switch (command, position) {
        case ("assume-root", 1):
            return world.accounts.values.map { $0.alias ?? $0.id }.sorted()
        case ("as", 1):
            return CommandParser.asKinds
        case ("as", 2):
            switch done[1] {
            case "user": return users(world)
            case "root": return world.accounts.values.map { $0.alias ?? $0.id }.sorted()
            case "instance": return world.instances.values.map { "\(alias(world, $0.account))/\($0.id)" }.sorted()
            case "session": return sandbox.credentials.sessionNames
            default: return []
            }
        case ("assume", 1), ("assume-saml", 1), ("assume-web", 1), ("set-trust", 1), ("delete-role", 1),
             ("delete-service-linked-role", 1):
            return roles(world)
        case ("can", 1):
            return catalog.allActions
        case ("can", 2):
            var resources = Array(world.resources.keys)
            for key in world.resources.values {
                resources += key.aliases.compactMap { KMSAlias.arn(of: $0, besideKey: key.arn) }
            }
            for account in world.accounts.values {
                resources += account.roles.values.map { account.roleARN($0) }
                resources += account.users.values.map { account.userARN($0) }
            }
            return resources.sorted() + ["*"]
        case ("put-policy", 1), ("delete-policy", 1), ("set-boundary", 1), ("clear-boundary", 1):
            return command.hasSuffix("boundary") ? ["user", "role"] : EntityKind.allCases.map(\.rawValue)
        case ("put-policy", 2), ("delete-policy", 2), ("set-boundary", 2), ("clear-boundary", 2):
            switch done[1] {
            case "user": return users(world)
            case "role": return roles(world).filter { !$0.hasPrefix("arn:") }
            case "group": return world.accounts.values.flatMap { a in a.groups.keys.map { "\(a.alias ?? a.id)/\($0)" } }.sorted()
            default: return []
            }
        case ("associate-profile", 1), ("replace-profile", 1), ("disassociate-profile", 1):
            return world.instances.values.map { "\(alias(world, $0.account))/\($0.id)" }.sorted()
        case ("associate-profile", 2), ("replace-profile", 2):
            return world.accounts.values.flatMap { $0.instanceProfiles.keys }.sorted()
        case ("add-role-to-profile", 1):
            return world.accounts.values.flatMap { a in a.instanceProfiles.keys.map { "\(a.alias ?? a.id)/\($0)" } }.sorted()
        case ("put-resource-policy", 1):
            return world.resources.keys.sorted()
        default:
            return []
        }
    }

    private func alias(_ world: World, _ account: String) -> String {
        world.accounts[account]?.alias ?? account
    }

    private func users(_ world: World) -> [String] {
        world.accounts.values.flatMap { a in a.users.keys.map { "\(a.alias ?? a.id)/\($0)" } }.sorted()
    }

    /// Roles as `ACCOUNT/NAME` and as ARNs.
    private func roles(_ world: World) -> [String] {
        world.accounts.values.flatMap { a in
            a.roles.values.flatMap { ["\(a.alias ?? a.id)/\($0.name)", a.roleARN($0)] }
        }.sorted()
    }
}
