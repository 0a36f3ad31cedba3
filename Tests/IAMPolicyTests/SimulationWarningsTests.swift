import Diagnostics
import IAMPolicy
import Testing

// `iamquiz simulate` answers like `aws iam simulate-custom-policy`
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html) and adds IAM Access
// Analyzer's name checks (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
// as warnings that never change the decision.

@Suite("Simulation: validation warnings")
struct SimulationWarningsTests {
    private func input(policy: String, origin: String, actions: [String]) -> SimulationInput {
        var input = SimulationInput()
        input.identityPolicies = [PolicyDocument(id: "PolicyInputList.1", text: policy, origin: origin)]
        input.actions = actions
        return input
    }

    @Test("a misspelled requested action is still decided, and warned about under its label")
    func requestedAction() throws {
        let request = input(policy: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
                            origin: "--policy-input-list 1", actions: ["s3:GetObjekt"])
        let prepared = try Simulator.prepare(request).get()
        #expect(Simulator.run(prepared).map(\.result.decision) == [.allowed])
        let warnings = Simulator.warnings(request, prepared: prepared)
        #expect(warnings.map { "\($0.file) \($0.code) \($0.help ?? "")" } == ["--action-names W202 did you mean `s3:GetObject`?"])
    }

    @Test("a policy's warnings name the file it came from, at the line and column (for sts:AssumeRole, the trust policy's)")
    func policyOrigin() throws {
        var request = input(policy: "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"*\"}]}",
                            origin: "user-policy.json", actions: ["sts:AssumeRole"])
        request.resourcePolicy = PolicyDocument(
            id: "ResourcePolicy",
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:SecureTransprt": "true"}}}]}"#,
            origin: "trust.json")
        let prepared = try Simulator.prepare(request).get()
        let warnings = Simulator.warnings(request, prepared: prepared)
        #expect(warnings.map { "\($0.locationText) \($0.code)" }.sorted() == ["trust.json:1:168 W204", "user-policy.json:2:46 W202"])
    }

    @Test("the JSON response carries a Warnings list only when there are warnings")
    func json() throws {
        let request = input(policy: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
                            origin: "--policy-input-list 1", actions: ["s3:GetObjekt"])
        let prepared = try Simulator.prepare(request).get()
        let results = Simulator.run(prepared)
        let warnings = Simulator.warnings(request, prepared: prepared)
        let text = SimulationOutput.json(results, explain: false, pretty: false, warnings: warnings)
        #expect(text.hasSuffix(#""IsTruncated":false,"Warnings":[{"Code":"W202","Message":"unknown action `s3:GetObjekt`","Source":"--action-names","Help":"did you mean `s3:GetObject`?"}]}"#))
        #expect(!SimulationOutput.json(results, explain: false, pretty: false).contains("Warnings"))
    }
}
