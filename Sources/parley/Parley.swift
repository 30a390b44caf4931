import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Reads news and follows the relations between states.",
        subcommands: [
            EvalCommand.self,
            TrainCommand.self,
        ]
    )
}
