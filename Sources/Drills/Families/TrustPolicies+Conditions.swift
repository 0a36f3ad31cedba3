import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

/// The professional trust-policy drills: two blocks of the trust policy, each with its own callers.
extension TrustCast {
    mutating func professional(random: inout SeededRandom) -> WorldDraft {
        let blocks = random.sample(["external-id", "mfa", "tags", "saml", "oidc"], 2)
        for block in ["external-id", "mfa", "tags", "saml", "oidc"] where blocks.contains(block) {
            switch block {
            case "external-id": externalID(random: &random)
            case "mfa": mfa(random: &random)
            case "tags": tags(random: &random)
            case "saml": saml(random: &random)
            default: oidc(random: &random)
            }
        }
        let ask: DrillAsk = random.coin() ? .works : .fails
        return WorldDraft(
            situation: peopleSentence + " " + sentences.joined(separator: " ") + " The trust policy of `\(role)` and the identity policy:",
            shown: [trust, assumePolicy], world: world(), candidates: candidates, ask: ask,
            sentence: ask == .works ? "Which of these calls succeed?" : "Which of these calls fail?",
            explanation: "Every statement of a trust policy must match the caller and hold its conditions: sts:ExternalId is "
                + "compared with what the caller passes; aws:MultiFactorAuthPresent is true only when the call carries MFA "
                + "(AssumeRole with the device and code, or a session token issued with MFA), missing with long-term keys "
                + "and false in a session made without MFA; session tags need sts:TagSession as well; a SAML or OIDC provider "
                + "is trusted by its ARN, with conditions on the claims of the assertion or token.")
    }

    /// A statement for the other account (its root or one user) with `sts:ExternalId`.
    mutating func externalID(random: inout SeededRandom) {
        let ids = random.sample(["x7-4411", "acme-2291", "c0ffee-17", "ext-5150"], 2)
        let principal = random.coin() ? partnerRoot : user(partnerUser, Self.partner)
        statements.append(DrillStatement(sid: "PartnerWithExternalId", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                         conditions: [DrillCondition("StringEquals", "sts:ExternalId", [ids[0]])],
                                         principals: [DrillPrincipal("AWS", [principal])]))
        let with = " with External ID `\(ids[0])`"
        call(partnerUser, account: Self.partner, options: " --external-id \(ids[0])", variant: with)
        call(partnerUser, account: Self.partner, options: " --external-id \(ids[1])", variant: " with External ID `\(ids[1])`",
             fact: "it passes `\(ids[1])`, and the condition asks for `\(ids[0])`")
        call(partnerUser, account: Self.partner, variant: " without an External ID",
             fact: "it passes no External ID, so sts:ExternalId is missing and StringEquals does not hold")
        call(stranger, account: Self.partner, options: " --external-id \(ids[0])", variant: with)
        builderCall(options: " --external-id \(ids[0])", variant: with)
    }

    /// A statement for the role's account, or for one user, that requires MFA (`Bool` or the `BoolIfExists` trap).
    mutating func mfa(random: inout SeededRandom) {
        let ifExists = random.coin()
        let principal = random.coin() ? homeRoot : user(delegated, Self.home)
        statements.append(DrillStatement(sid: "OnlyWithMFA", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                         conditions: [DrillCondition(ifExists ? "BoolIfExists" : "Bool", "aws:MultiFactorAuthPresent", ["true"])],
                                         principals: [DrillPrincipal("AWS", [principal])]))
        let name = delegated.name.lowercased()
        sentences.append("\(delegated.name)'s virtual MFA device is `\(name)-phone`; it shows 246810 now.")
        let mfa = " --serial \(name)-phone --mfa 246810"
        call(delegated, account: Self.home, options: mfa, variant: " with the current code of the MFA device")
        call(delegated, account: Self.home, options: " --serial \(name)-phone --mfa 135791", variant: " with an earlier code of the MFA device")
        call(delegated, account: Self.home, variant: " with long-term keys and no MFA",
             fact: "with long-term keys the request has no aws:MultiFactorAuthPresent at all")
        call(delegated, account: Self.home, before: ["get-session-token" + mfa], how: ", with a session token issued with MFA,")
        call(delegated, account: Self.home, before: ["get-session-token"], how: ", with a session token issued without MFA,",
             fact: "a session made without MFA carries aws:MultiFactorAuthPresent false")
    }

    /// A statement naming a user of the role's account, with or without `sts:TagSession` (limited to one tag value).
    mutating func tags(random: inout SeededRandom) {
        let values = random.sample(["atlas", "zephyr", "orion", "vega"], 2)
        let who = [DrillPrincipal("AWS", [user(named, Self.home)])]
        let allowTags = random.below(3) > 0
        if allowTags && random.coin() {
            statements.append(DrillStatement(sid: "AssumeAndTag", effect: .allow, actions: ["sts:AssumeRole", "sts:TagSession"],
                                             resources: [], principals: who))
        } else {
            statements.append(DrillStatement(sid: "Assume", effect: .allow, actions: ["sts:AssumeRole"], resources: [], principals: who))
            if allowTags {
                statements.append(DrillStatement(sid: "TagProjectOnly", effect: .allow, actions: ["sts:TagSession"], resources: [],
                                                 conditions: [DrillCondition("StringEquals", "aws:RequestTag/project", [values[0]])],
                                                 principals: who))
            }
        }
        // Every tags drill names both values, so that neither is a rare word of the stem that only a right option repeats.
        sentences.append("\(named.name)'s jobs pass session tags such as project=\(values[0]), project=\(values[1]) or team=\(values[0]).")
        call(named, account: Self.home)
        // The value the condition names also comes under another key, so that the value alone tells nothing.
        for tag in ["project=\(values[0])", "project=\(values[1])", "team=\(values[0])"] {
            call(named, account: Self.home, options: " --tag \(tag)", variant: " with the session tag \(tag)")
        }
    }

    /// A SAML provider of the role's account (and another one that the trust policy does not name).
    mutating func saml(random: inout SeededRandom) {
        let providers = random.sample(["Okta", "AzureAD", "PingOne"], 2)
        let tagged = random.coin()
        statements.append(DrillStatement(sid: "SignInWith\(providers[0])", effect: .allow,
                                         actions: tagged ? ["sts:AssumeRoleWithSAML", "sts:TagSession"] : ["sts:AssumeRoleWithSAML"], resources: [],
                                         conditions: [DrillCondition("StringEquals", "saml:aud", ["https://signin.aws.amazon.com/saml"])],
                                         principals: [DrillPrincipal("Federated", ["arn:aws:iam::\(Self.home):saml-provider/\(providers[0])"])]))
        worldLines += providers.map { "saml-provider prod/\($0)" }
        sentences.append("Account \(Self.home) has two SAML providers, `\(providers[0])` and `\(providers[1])`; their users sign in at https://signin.aws.amazon.com/saml.")
        let person = named.name
        func federated(_ provider: String, tag: Bool) {
            let options = " --provider \(provider) --subject \(person.lowercased())@example.com" + (tag ? " --tag team=web" : "")
            candidates.append(WorldCandidate(
                text: "\(person) signs in through `\(provider)` and calls AssumeRoleWithSAML on `\(role)`" + (tag ? " with the session tag team=web" : ""),
                steps: ["as user prod/\(person.lowercased())", "assume-saml prod/\(role)\(options)"], parts: [provider, "saml", tag ? "tag" : ""],
                why: Self.why(role: role, who: "a user of `\(provider)`", crossAccount: false, user: false, tagged: tag,
                              fact: provider == providers[0] ? nil : "it names the provider `\(providers[0])` only")))
        }
        federated(providers[0], tag: false)
        federated(providers[0], tag: true)
        federated(providers[1], tag: false)
    }

    /// GitHub's OIDC provider, with the repository (and branch, or any ref) in `sub`.
    mutating func oidc(random: inout SeededRandom) {
        let host = "token.actions.githubusercontent.com"
        let repos = random.sample(["acme/web", "acme/api", "acme/infra"], 2)
        let anyRef = random.coin()
        statements.append(DrillStatement(sid: "GitHubDeploys", effect: .allow, actions: ["sts:AssumeRoleWithWebIdentity"], resources: [],
                                         conditions: [DrillCondition("StringEquals", "\(host):aud", ["sts.amazonaws.com"]),
                                                      DrillCondition("StringLike", "\(host):sub", ["repo:\(repos[0]):" + (anyRef ? "*" : "ref:refs/heads/main")])],
                                         principals: [DrillPrincipal("Federated", ["arn:aws:iam::\(Self.home):oidc-provider/\(host)"])]))
        worldLines += ["oidc-provider prod/\(host)", "  audience: sts.amazonaws.com"]
        sentences.append("Account \(Self.home) has GitHub's OIDC provider \(host) (audience sts.amazonaws.com); workflows ask for tokens with that audience.")
        func workflow(_ repo: String, _ where_: String, _ sub: String) {
            candidates.append(WorldCandidate(
                text: "A GitHub Actions workflow of `\(repo)` \(where_) calls AssumeRoleWithWebIdentity on `\(role)`",
                steps: ["as user prod/\(named.name.lowercased())",
                        "assume-web prod/\(role) --provider \(host) --subject repo:\(repo):\(sub) --audience sts.amazonaws.com"],
                parts: [repo, "oidc", where_],
                why: Self.why(role: role, who: "the workflow", crossAccount: false, user: false, fact: "its token's sub is `repo:\(repo):\(sub)`")))
        }
        workflow(repos[0], "on the branch `main`", "ref:refs/heads/main")
        workflow(repos[0], "on a pull request", "pull_request")
        workflow(repos[1], "on the branch `main`", "ref:refs/heads/main")
    }

    /// The explanation of a call from its result: who the trust policy let in, or why the call failed.
    /// `user`: the caller is an IAM user or role, which may need an identity policy (not a service or an identity provider).
    /// `tagged`: the call passes session tags, so that the last check (the one the result holds) was sts:TagSession.
    static func why(role: String, who: String, crossAccount: Bool, user: Bool = true, tagged: Bool = false,
                    fact: String? = nil) -> @Sendable (CommandResult) -> String {
        { result in
            let evaluation = result.evaluation
            switch result.outcome {
            case .ok:
                let sid = evaluation?.matchedStatements.first { $0.policyKind == .trust && $0.effect == .allow }?.sid
                var text = tagged
                    ? "succeeds: the trust policy of `\(role)` lets \(who) in and allows sts:TagSession for these tags" + (sid.map { " (statement `\($0)`)" } ?? "")
                    : "succeeds: the trust policy of `\(role)` lets \(who) in" + (sid.map { " (statement `\($0)`)" } ?? "")
                if evaluation?.perKind[.identity] == .allowed {
                    text += ", and \(who)'s identity policy allows the call"
                } else if user && !crossAccount {
                    text += ": it names \(who) in the role's own account, so no identity policy is needed"
                }
                return text
            case .error(let code):
                let message = result.error?.message ?? ""
                if message.hasPrefix("Roles may not be assumed by root accounts") {
                    return "fails with AccessDenied: the root user can never assume a role, whatever the trust policy says"
                }
                if message.contains("invalid MFA one time pass code") {
                    return "fails with AccessDenied: MultiFactorAuthentication failed, the code is not the one the device shows"
                }
                guard code == "AccessDenied", let evaluation else { return "fails with \(code): \(message)" }
                if message.contains("sts:TagSession") {
                    return "fails with AccessDenied: passing session tags needs sts:TagSession, and the trust policy of `\(role)` does not allow it for this call"
                }
                if evaluation.perKind[.trust] != .allowed {
                    return "fails with AccessDenied: the trust policy of `\(role)` does not let \(who) in" + (fact.map { ": \($0)" } ?? "")
                }
                return crossAccount
                    ? "fails with AccessDenied: the trust policy lets \(who) in, but a caller from another account also needs an identity policy that allows sts:AssumeRole, and \(who) has none"
                    : "fails with AccessDenied: the trust policy trusts the account, not \(who) by name, so \(who) also needs an identity policy that allows sts:AssumeRole, and has none"
            default:
                return WorldWhy.sentence(result)
            }
        }
    }
}
