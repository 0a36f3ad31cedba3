import ArgumentParser
import Diagnostics
import FileAccess
import Foundation
import IAMPolicy
import TerminalUI

/// `iamquiz simulate`: the policy simulator, mirroring `aws iam simulate-custom-policy`.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate IAM policy evaluation offline (like `aws iam simulate-custom-policy`).",
        discussion: """
            Policies and JSON values are given inline or as file://PATH, as with the AWS CLI. Beyond AWS's \
            simulator: --scp (one per organization level), --rcp, --session-policy, and callers that AWS \
            refuses (role sessions, service principals, identity providers), and --vpc-endpoint-policy; for \
            sts:AssumeRole* actions --resource-policy is the role's trust policy, and for KMS keys the key \
            policy. Without --caller-arn the caller is a user of the account that owns the resource, as in \
            AWS's simulator. Exit status 0 when the simulation ran, whatever it decided (unknown actions, \
            condition keys and mistyped operators are warned about on stderr and in the JSON's Warnings, and \
            do not change it); 1 on bad input (with file:line:column); 2 on usage errors.
            """
    )

    @Option(parsing: .upToNextOption, help: "Identity-based policies of the caller (zero or more).")
    var policyInputList: [String] = []

    @Option(parsing: .upToNextOption, help: "The caller's permissions boundary.")
    var permissionsBoundaryPolicyInputList: [String] = []

    @Option(parsing: .upToNextOption, help: "Actions to simulate, such as s3:GetObject.")
    var actionNames: [String] = []

    @Option(parsing: .upToNextOption, help: "Resource ARNs (default: *).")
    var resourceArns: [String] = []

    @Option(help: "The resource-based policy (for sts:AssumeRole*: the role's trust policy; for a KMS key: its key policy).")
    var resourcePolicy: String?

    @Option(help: "The policy of the VPC endpoint the requests go through: it must allow them too, and grants nothing.")
    var vpcEndpointPolicy: String?

    @Option(help: "The account that owns the resources (account ID or ARN).")
    var resourceOwner: String?

    @Option(help: "The caller: user, root, role or role-session ARN, a service principal, or an identity provider (default: a user of the account that owns the resource).")
    var callerArn: String?

    @Option(parsing: .upToNextOption, help: "Context entries: ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t or JSON.")
    var contextEntries: [String] = []

    @Option(help: "A SimulateCustomPolicy request as JSON (policies as JSON strings).")
    var cliInputJson: String?

    @Option(help: "A service control policy; repeat for each level of the organization (root, OUs, account).")
    var scp: [String] = []

    @Option(help: "A resource control policy; repeat for each level of the organization.")
    var rcp: [String] = []

    @Option(help: "A session policy passed when the role session was created.")
    var sessionPolicy: [String] = []

    @Option(help: "json (the SimulateCustomPolicy response; the default when output is not a terminal) or text.")
    var output: OutputFormat?

    @Flag(help: "Add the evaluation trace: why each statement applied or not.")
    var explain = false

    @Option(help: "A file of JSON Lines, each a request like --cli-input-json; one response line per request.")
    var batch: String?

    /// The most `--repeat` allows: a million evaluations of a small request take seconds, not hours.
    static let repeatRange = 1...1_000_000

    // Unconditional, so that `--repeat -5` is read as a number and refused with the range.
    @Option(parsing: .unconditional,
            help: "Evaluate every request this many times, from 1 to \(repeatRange.upperBound) (for benchmarks), and print once.")
    var `repeat`: Int = 1

    func validate() throws {
        guard Self.repeatRange.contains(`repeat`) else {
            throw ValidationError("--repeat must be from \(Self.repeatRange.lowerBound) to \(Self.repeatRange.upperBound), not `\(`repeat`)`")
        }
        if batch != nil, cliInputJson != nil || !actionNames.isEmpty || !policyInputList.isEmpty {
            throw ValidationError("--batch takes its requests from the file; give the other request options in each line")
        }
        if batch == nil, cliInputJson == nil, actionNames.isEmpty {
            throw ValidationError("no action to simulate: give --action-names (or --cli-input-json or --batch)")
        }
    }

    func run() throws {
        let format = output ?? (TerminalInfo.isTerminal(1) ? .text : .json)
        if let batch {
            try runBatch(batch, format: format)
            return
        }
        var sources: [String: String] = [:]
        let input: SimulationInput
        do {
            input = try buildInput(sources: &sources)
        } catch let failure as InputFailure {
            report(failure.diagnostics, sources: sources)
            throw ExitCode(1)
        }
        let prepared: PreparedSimulation
        switch Simulator.prepare(input) {
        case .failure(let list):
            report(list.diagnostics, sources: sources)
            throw ExitCode(1)
        case .success(let p):
            prepared = p
        }
        // Names the catalog does not know are warned about; the decision is printed all the same.
        let actionsLabel = actionNames.isEmpty ? cliInputJson.map { Self.label(of: $0, option: "--cli-input-json") + " ActionNames" } : nil
        let warnings = Simulator.warnings(input, prepared: prepared, actionsLabel: actionsLabel ?? "--action-names")
        report(warnings, sources: sources)
        let started = DispatchTime.now().uptimeNanoseconds
        var results: [SimulationResult] = []
        for _ in 0..<`repeat` {
            results = Simulator.run(prepared, explain: explain)
        }
        reportTiming(evaluations: results.count * `repeat`, since: started)
        switch format {
        case .json: Console.write(SimulationOutput.json(results, explain: explain, warnings: warnings) + "\n")
        case .text: Console.writeLines(TextSanitizer.clean(SimulationOutput.text(results, explain: explain)))
        }
    }

    /// Prints diagnostics with their source lines.
    private func report(_ diagnostics: [Diagnostic], sources: [String: String]) {
        DiagnosticPrinter { sources[$0] }.print(diagnostics)
    }

    private func reportTiming(evaluations: Int, since start: UInt64) {
        guard `repeat` > 1 else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perSecond = seconds > 0 ? Double(evaluations) / seconds : 0
        Console.error(String(format: "%d evaluations in %.3f s: %.0f per second, %.3f µs each", evaluations, seconds,
                             perSecond, seconds * 1e6 / Double(max(evaluations, 1))))
    }

    // MARK: - Input

    struct InputFailure: Error {
        var diagnostics: [Diagnostic]
    }

    /// Reads `file://PATH` or takes the text as given; `label` names the argument in diagnostics.
    static func resolve(_ value: String, label: String, sources: inout [String: String]) throws -> PolicyDocumentText {
        if value.hasPrefix("file://") {
            let path = String(value.dropFirst("file://".count))
            switch InputFile.readText(path) {
            case .failure(let problem):
                throw InputFailure(diagnostics: [Diagnostic(.error, code: SimulationCode.unreadableFile, "cannot read `\(path)`: \(problem.reason)", file: label,
                                                            help: problem.help)])
            case .success(let text):
                sources[path] = text
                return PolicyDocumentText(text: text, origin: path)
            }
        }
        sources[label] = value
        return PolicyDocumentText(text: value, origin: label)
    }

    /// What diagnostics call an argument: the path of `file://PATH`, else the option's name.
    static func label(of value: String, option: String) -> String {
        value.hasPrefix("file://") ? String(value.dropFirst("file://".count)) : option
    }

    struct PolicyDocumentText {
        var text: String
        var origin: String
    }

    private func buildInput(sources: inout [String: String]) throws -> SimulationInput {
        var input = SimulationInput()
        if let cliInputJson {
            let doc = try Self.resolve(cliInputJson, label: "--cli-input-json", sources: &sources)
            switch SimulationRequestReader.read(doc.text, origin: doc.origin) {
            case .failure(let d): throw InputFailure(diagnostics: [d])
            case .success(let read): input = read
            }
            for p in input.allDocuments { sources[p.origin] = p.text }
        }
        func documents(_ values: [String], _ option: String, _ prefix: String) throws -> [PolicyDocument] {
            try values.enumerated().map { i, value in
                let doc = try Self.resolve(value, label: "\(option) \(i + 1)", sources: &sources)
                return PolicyDocument(id: "\(prefix).\(i + 1)", text: doc.text, origin: doc.origin)
            }
        }
        if !policyInputList.isEmpty { input.identityPolicies = try documents(policyInputList, "--policy-input-list", "PolicyInputList") }
        if !permissionsBoundaryPolicyInputList.isEmpty {
            input.boundaryPolicies = try documents(permissionsBoundaryPolicyInputList, "--permissions-boundary-policy-input-list",
                                                   "PermissionsBoundaryPolicyInputList")
        }
        if !sessionPolicy.isEmpty { input.sessionPolicies = try documents(sessionPolicy, "--session-policy", "SessionPolicy") }
        if !scp.isEmpty { input.scps = try documents(scp, "--scp", "ServiceControlPolicy") }
        if !rcp.isEmpty { input.rcps = try documents(rcp, "--rcp", "ResourceControlPolicy") }
        if let resourcePolicy {
            let doc = try Self.resolve(resourcePolicy, label: "--resource-policy", sources: &sources)
            input.resourcePolicy = PolicyDocument(id: "ResourcePolicy", text: doc.text, origin: doc.origin)
        }
        if let vpcEndpointPolicy {
            let doc = try Self.resolve(vpcEndpointPolicy, label: "--vpc-endpoint-policy", sources: &sources)
            input.endpointPolicy = PolicyDocument(id: "VpcEndpointPolicy", text: doc.text, origin: doc.origin)
        }
        if !actionNames.isEmpty { input.actions = actionNames }
        if !resourceArns.isEmpty { input.resources = resourceArns }
        if let resourceOwner { input.resourceOwner = resourceOwner }
        if let callerArn { input.callerARN = callerArn }
        if !contextEntries.isEmpty {
            var entries: [ContextEntry] = []
            for (i, raw) in contextEntries.enumerated() {
                let label = "--context-entries \(i + 1)"
                let trimmed = raw.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") || trimmed.hasPrefix("file://") {
                    let doc = try Self.resolve(trimmed, label: label, sources: &sources)
                    switch JSONReader.parse(doc.text, file: doc.origin) {
                    case .failure(let d): throw InputFailure(diagnostics: [d])
                    case .success(let node):
                        switch ContextEntryReader.entries(from: node, origin: doc.origin) {
                        case .failure(let d): throw InputFailure(diagnostics: [d])
                        case .success(let list): entries += list
                        }
                    }
                } else {
                    switch ContextEntryReader.shorthand(trimmed) {
                    case .failure(let problem):
                        throw InputFailure(diagnostics: [Diagnostic(.error, code: SimulationCode.malformedContextEntry, problem.message, file: label)])
                    case .success(let entry): entries.append(entry)
                    }
                }
            }
            input.contextEntries = entries
        }
        return input
    }

    // MARK: - Batch

    private func runBatch(_ path: String, format: OutputFormat) throws {
        let text: String
        switch InputFile.readText(path) {
        case .failure(let problem):
            report([Diagnostic(.error, code: SimulationCode.unreadableFile, "cannot read the batch file: \(problem.reason)", file: path, help: problem.help)],
                   sources: [:])
            throw ExitCode(1)
        case .success(let read):
            text = read
        }
        var prepared: [(line: Int, simulation: Result<PreparedSimulation, DiagnosticList>, warnings: [Diagnostic])] = []
        var sources: [String: String] = [:]
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let origin = "\(path):\(index + 1)"
            sources[origin] = String(line)
            switch SimulationRequestReader.read(String(line), origin: origin) {
            case .failure(let d):
                prepared.append((index + 1, .failure(DiagnosticList(diagnostics: [d])), []))
            case .success(let input):
                for p in input.allDocuments { sources[p.origin] = p.text }
                let simulation = Simulator.prepare(input)
                let warnings = (try? simulation.get()).map { Simulator.warnings(input, prepared: $0, actionsLabel: "\(origin) ActionNames") }
                prepared.append((index + 1, simulation, warnings ?? []))
            }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        var outputs: [String] = []
        var failed = false
        var evaluations = 0
        for (line, item, warnings) in prepared {
            switch item {
            case .failure(let list):
                let diagnostics = list.diagnostics
                failed = true
                report(diagnostics, sources: sources)
                let message = diagnostics.first.map { "\($0.locationText): \($0.message)" } ?? "line \(line): bad request"
                outputs.append("{\"Error\":\(JSONValue.quoted(message))}")
            case .success(let simulation):
                var results: [SimulationResult] = []
                for _ in 0..<`repeat` { results = Simulator.run(simulation, explain: explain) }
                evaluations += results.count * `repeat`
                report(warnings, sources: sources)
                outputs.append(format == .json ? SimulationOutput.json(results, explain: explain, pretty: false, warnings: warnings)
                                               : TextSanitizer.clean(SimulationOutput.text(results, explain: explain)))
            }
        }
        reportTiming(evaluations: evaluations, since: started)
        // One JSON object a line is data; the text of each request wraps like the single request's.
        let joined = outputs.joined(separator: "\n") + "\n"
        format == .json ? Console.write(joined) : Console.writeLines(joined)
        if failed { throw ExitCode(1) }
    }
}
