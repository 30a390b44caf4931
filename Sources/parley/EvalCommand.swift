import ArgumentParser
import Foundation

/// `parley eval <stage>`: scores a stage against the human-labelled dev data in ../shared/eval.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score Parley's stages against the gold data and print figures.",
        subcommands: [
            EvalTokensCommand.self,
            EvalDatesCommand.self,
            EvalQuotesCommand.self,
            EvalUDCommand.self,
            EvalActorsCommand.self,
            EvalEventsCommand.self,
        ]
    )
}

/// Where the shared data lives: --shared, else $PARLEY_SHARED, else ../shared.
struct SharedOptions: ParsableArguments {
    @Option(help: "Path to the shared data folder (default: $PARLEY_SHARED or ../shared).")
    var shared: String?

    var url: URL {
        if let shared { return URL(fileURLWithPath: shared) }
        if let env = ProcessInfo.processInfo.environment["PARLEY_SHARED"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent().appendingPathComponent("shared")
    }
}
