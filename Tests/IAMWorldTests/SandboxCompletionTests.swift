import Testing
@testable import IAMWorld

@Suite("Sandbox tab completion")
struct SandboxCompletionTests {
    static let scenario = """
        scenario: completion
        account 111111111111 prod
        account 222222222222 dev
        user dev/alice
        group dev/admins
        role prod/Deployer
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}
        instance-profile prod/web
        instance prod/i-0abc
          profile: web
        resource arn:aws:s3:::logs
          owner: prod
        resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
          alias: alias/logs
        vpc-endpoint prod/vpce-1a2b3c4d
        vpc-endpoint dev/vpce-0123456789abcdef0
        document narrow: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        """

    static func sandbox() throws -> Sandbox {
        let parsed = ScenarioParser.parse(scenario, file: "c.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        sandbox.documents = scenario.documents
        return sandbox
    }

    // Rule: what fits at the cursor depends on the command and the argument position.
    @Test("candidates by position", arguments: [
        ("", "assume", true),
        ("as", "assume", true),
        ("as ", "user", true),
        ("as user ", "dev/alice", true),
        ("as root ", "prod", true),
        ("as instance ", "prod/i-0abc", true),
        ("assume ", "prod/Deployer", true),
        ("assume ", "arn:aws:iam::111111111111:role/Deployer", true),
        ("assume prod/Deployer --", "--external-id", true),
        ("assume prod/Deployer --policy ", "@narrow", true),
        ("can ", "sts:AssumeRole", true),
        ("can s3:Get", "s3:GetObject", true),
        ("can s3:GetObject ", "arn:aws:s3:::logs", true),
        ("can s3:GetObject ", "arn:aws:kms:us-east-1:111111111111:alias/logs", true),
        ("can s3:GetObject arn:aws:s3:::logs --", "--via", true),
        ("can s3:GetObject arn:aws:s3:::logs --via ", "vpce-1a2b3c4d", true),
        ("can s3:GetObject arn:aws:s3:::logs --via ", "vpce-0123456789abcdef0", true),
        ("can s3:GetObject arn:aws:s3:::logs --via ", "@narrow", false),
        ("put-policy ", "group", true),
        ("put-policy group ", "dev/admins", true),
        ("associate-profile prod/i-0abc ", "web", true),
        ("as user ", "prod/Deployer", false),
        ("can ", "dev/alice", false),
    ] as [(String, String, Bool)])
    func candidates(text: String, candidate: String, expected: Bool) throws {
        let found = SandboxCompletion().candidates(for: text, in: try Self.sandbox())
        #expect(found.contains(candidate) == expected, "\(text) → \(found.prefix(20))")
    }

    @Test("sessions become completions for `as session` once issued")
    func sessions() throws {
        var sandbox = try Self.sandbox()
        #expect(SandboxCompletion().candidates(for: "as session ", in: sandbox).isEmpty)
        _ = sandbox.run(.asUser("dev/alice"))
        var options = AssumeRoleOptions(role: "prod/Deployer")
        options.sessionName = "deploy-1"
        // alice has no identity policy yet: the cross-account assume is denied, so no session exists.
        #expect(sandbox.run(.assume(options)).outcome == .error("AccessDenied"))
        #expect(!SandboxCompletion().candidates(for: "as session ", in: sandbox).contains("deploy-1"))
        let allow = Document(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}"#,
                             file: "test")
        #expect(sandbox.run(.putPolicy(.user, entity: "dev/alice", name: "assume", allow)).outcome == .ok)
        #expect(sandbox.run(.assume(options)).outcome == .ok)
        #expect(SandboxCompletion().candidates(for: "as session ", in: sandbox) == ["deploy-1"])
    }
}
