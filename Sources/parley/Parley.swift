import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Reads news and follows the relations between states.",
        subcommands: [
            IngestCommand.self,
            DocsCommand.self,
            EventsCommand.self,
            RecodeCommand.self,
            BriefCommand.self,
            DyadCommand.self,
            DemoCommand.self,
            ServeCommand.self,
            AnnotateCommand.self,
            BenchCommand.self,
            EvalCommand.self,
            TrainCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            BenchStoreCommand.self,
        ]
    )
}
