import Foundation
import Testing
@testable import IAMWorld

// The credentials a sandbox issued, and the indexes that let `as user`, `as root` and `as session` find
// them without scanning every credential issued before (issue 9, point 14: a scenario alternating `as user`
// and `assume` ran in quadratic time, `as user` looking through every session issued so far).

private let start = Date(timeIntervalSince1970: 1_767_225_600)

private func longTerm(_ key: String, _ account: String, _ user: String?) -> Credentials {
    Credentials(accessKeyID: key, kind: .longTerm, account: account, userName: user, issuedAt: start)
}

private func session(_ key: String, _ name: String, at time: Date = start) -> Credentials {
    Credentials(accessKeyID: key, kind: .roleSession, account: Acct.dev, roleName: "Dev", sessionName: name,
                issuedAt: time, expiresAt: time.addingTimeInterval(3_600))
}

/// One lookup rule: the credentials inserted in order, and what each lookup must find.
struct StoreRow: Sendable, CustomTestStringConvertible {
    var rule: String
    var inserted: [Credentials]
    var lookups: [(lookup: @Sendable (CredentialStore) -> String?, expected: String?)]
    var testDescription: String { rule }
}

private let storeRows: [StoreRow] = [
    StoreRow(rule: "a user's long-term key is found by its account and name, whatever was issued after it",
             inserted: [longTerm("AKIA1", Acct.dev, "alice")] + (2...500).map { session("ASIA\($0)", "s\($0)") },
             lookups: [({ $0.longTermKey(account: Acct.dev, user: "alice") }, "AKIA1")]),
    StoreRow(rule: "the root user's key and a user's key of the same account are told apart; another account has neither",
             inserted: [longTerm("AKIA1", Acct.dev, nil), longTerm("AKIA2", Acct.dev, "alice")],
             lookups: [({ $0.longTermKey(account: Acct.dev, user: nil) }, "AKIA1"),
                       ({ $0.longTermKey(account: Acct.dev, user: "alice") }, "AKIA2"),
                       ({ $0.longTermKey(account: Acct.prod, user: "alice") }, nil)]),
    StoreRow(rule: "a session name finds the credentials issued last under it, even when issued at the same moment",
             inserted: (1...30).map { session("ASIA\($0)", "nightly") },
             lookups: [({ $0.latestSession(named: "nightly") }, "ASIA30")]),
    StoreRow(rule: "a session name finds the newest after the clock moved, and an access key id finds itself",
             inserted: [session("ASIA1", "nightly"), session("ASIA2", "nightly", at: start.addingTimeInterval(60))],
             lookups: [({ $0.latestSession(named: "nightly") }, "ASIA2"), ({ $0.latestSession(named: "ASIA1") }, "ASIA1"),
                       ({ $0.latestSession(named: "AKIA9") }, nil)]),
    StoreRow(rule: "session names are listed once each, sorted",
             inserted: [session("ASIA1", "b"), session("ASIA2", "a"), session("ASIA3", "b")],
             lookups: [({ $0.sessionNames.joined(separator: ",") }, "a,b")]),
]

@Suite("Credential store: lookups by owner and session name")
struct CredentialStoreTests {
    @Test(arguments: storeRows)
    func lookups(_ row: StoreRow) {
        var store = CredentialStore()
        for credentials in row.inserted { store.insert(credentials) }
        #expect(store.count == row.inserted.count)
        for (index, check) in row.lookups.enumerated() {
            #expect(check.lookup(store) == check.expected, "lookup \(index + 1)")
        }
    }

    // Rule: `as user` reuses the user's one long-term key however many sessions were issued since; each
    // `assume` adds exactly one credential. (Before the index, each `as user` scanned every credential
    // issued so far for the long-term key: 5,000 pairs examined about 12.5 million credentials.)
    @Test("5,000 alternating `as user` and `assume` pairs: one long-term key, reused; one credential per assume")
    func alternatingPairs() throws {
        var sandbox = Sandbox(world: try Fixtures.standard().world)
        var longTermKey: String?
        for pair in 1...5_000 {
            #expect(sandbox.run(user("dev/alice")).outcome == .ok)
            if longTermKey == nil { longTermKey = sandbox.current?.accessKeyID }
            #expect(sandbox.current?.accessKeyID == longTermKey)
            #expect(sandbox.run(assume("dev/Plain", session: "worker")).outcome == .ok)
            #expect(sandbox.credentials.count == 1 + pair)
        }
        #expect(sandbox.credentials.longTermKey(account: Acct.dev, user: "alice") == longTermKey)
    }

    // Rule: `as session NAME` acts with the newest session of that name. Before, it took the first of the
    // latest-issued in the dictionary's (per-process random) order, so of 30 sessions issued at the same
    // simulated moment it picked the newest only by chance.
    @Test("`as session NAME` acts with the newest session of the name, even when several were issued at once")
    func newestSession() throws {
        var sandbox = Sandbox(world: try Fixtures.standard().world)
        _ = sandbox.run(user("dev/alice"))
        var newest: String?
        for _ in 1...30 {
            #expect(sandbox.run(assume("dev/Plain", session: "nightly")).outcome == .ok)
            newest = sandbox.current?.accessKeyID
            _ = sandbox.run(.exitRole)
        }
        #expect(sandbox.run(.asSession("nightly")).outcome == .ok)
        #expect(sandbox.current?.accessKeyID == newest)
    }
}
