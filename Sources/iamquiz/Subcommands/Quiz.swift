import ArgumentParser

struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a quiz (the default command).")
    func run() throws {}
}
