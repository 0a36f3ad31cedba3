import Diagnostics

/// The codes of `iamquiz fsrs replay FILE` (README, "iamquiz fsrs replay FILE").
public enum FSRSReplayCode: String, DiagnosticCode {
    /// the replay file cannot be read, with the reason
    case unreadable = "F001"
    /// a line that is not a review history: a missing or wrong member, an unknown rating, reviews out of order
    case malformedHistory = "F002"
}
