import ArgumentParser

/// The `kdpipe` command: turns completed-intervention reports into knowledge.
public struct KDPipeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kdpipe",
        abstract: "Turn SOCIEUX+ intervention reports and IATI activity files into indicator, lesson and portfolio summaries.",
        version: KDPipeVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, SearchCommand.self, HistoryCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}
