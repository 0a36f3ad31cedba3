import IAMPolicy
import QuizEngine

extension DrillFamily {
    /// The professional draft of `policy-variables` on `${aws:SourceIdentity}`: three people work in sessions of one
    /// role, two of them started with a source identity (their user name) and the third without one. The role's
    /// policy gives each a home prefix written with the variable, so a session without a source identity leaves it
    /// unresolved and the statement does not apply, whatever the session's name (id_credentials_temp_control-access_
    /// monitor.html: the source identity is set once, when the session starts, and stays through role chaining).
    static func sourceIdentity(_ people: [DrillPerson], bucket: String, file: String, random: inout SeededRandom) -> DrillDraft {
        let s3 = DrillService.s3.actions
        let role = random.pick(["AnalystRole", "ResearchRole", "DataRole"])
        let statements = homeStatements(bucket: bucket, variable: "aws:SourceIdentity", random: &random)
        var candidates: [DrillRequest] = []
        for (i, person) in people.enumerated() {
            let context = i < 2 ? [ContextEntry(name: "aws:SourceIdentity", values: [person.name.lowercased()], type: .string)] : []
            let other = people[(i + 1) % people.count]
            let paths = ["home/\(person.name.lowercased())/\(file)", "home/\(other.name.lowercased())/\(file)", "shared/\(file)"]
            for action in s3.prefix(3) {
                for path in paths {
                    candidates.append(DrillRequest(principal: person.name, callerARN: person.sessionARN(role: role), action: action,
                                                   resource: "arn:aws:s3:::\(bucket)/\(path)", context: context))
                }
            }
        }
        let names = people.map { $0.name.lowercased() }
        return DrillDraft(
            situation: "\(listedNames(people)) work in sessions of the role `\(role)` of account \(DrillService.account), "
                + "each session named after its user (\(names.joined(separator: ", "))). \(people[0].name) and "
                + "\(people[1].name) assumed the role with a source identity, their user name (\(names[0]), \(names[1])); "
                + "\(people[2].name) assumed it without one. The role has this identity policy:",
            policies: [DrillPolicy(kind: .identity, name: "\(role)Homes", statements: statements)],
            candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "AWS replaces ${aws:SourceIdentity} with the source identity set when the role session started; "
                + "it cannot be changed later and stays through role chaining. A session started without one leaves the "
                + "variable unresolved, so a statement that names its resource with it does not apply, whatever the "
                + "session's name.")
    }

    /// The statements of a home-prefix policy: two of the first three S3 actions on `home/${variable}/*`, and
    /// one draw in two a read of `shared/*` for everyone.
    static func homeStatements(bucket: String, variable: String, random: inout SeededRandom) -> [DrillStatement] {
        var statements = [DrillStatement(sid: "AllowOwnHome", effect: .allow,
                                         actions: random.sample(Array(DrillService.s3.actions.prefix(3)), 2).sortedLikeService(.s3),
                                         resources: ["arn:aws:s3:::\(bucket)/home/${\(variable)}/*"])]
        if random.coin() {
            statements.append(DrillStatement(sid: "AllowSharedRead", effect: .allow, actions: ["s3:GetObject"],
                                             resources: ["arn:aws:s3:::\(bucket)/shared/*"]))
        }
        return statements
    }
}
