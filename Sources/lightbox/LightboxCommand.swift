import ArgumentParser

/// `lightbox`: the imaging department's server and its administration commands.
@main
struct LightboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightbox",
        abstract: "Lightbox: an imaging department's information system (RIS, mini-PACS, dose register).",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UserCommand.self, VerifyAuditCommand.self,
        ] + LightboxCommand.toolCommands
    )
}
