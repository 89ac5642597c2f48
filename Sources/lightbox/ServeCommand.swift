import ArgumentParser
import Foundation
import LightboxServer

/// `lightbox serve`: runs the server until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run Lightbox until stopped (SIGTERM or SIGINT stop it gracefully).")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Address to listen on. Env: LIGHTBOX_HOST. Default: 127.0.0.1")
    var host: String?

    @Option(name: .long, help: "HTTP port (0 picks a free one). Env: LIGHTBOX_HTTP_PORT. Default: 8080")
    var httpPort: Int?

    @Option(name: .long, help: "DICOM port. Env: LIGHTBOX_DICOM_PORT. Default: 11112")
    var dicomPort: Int?

    @Option(name: .long, help: "HL7 MLLP port. Env: LIGHTBOX_HL7_PORT. Default: 2575")
    var hl7Port: Int?

    @Option(
        name: .customLong("hl7-report-destination"),
        help: ArgumentHelp(
            "Send verified reports as ORU^R01 to NAME=HOST:PORT[/APPLICATION^FACILITY] (repeatable).",
            discussion: "Env: LIGHTBOX_HL7_REPORT_DESTINATIONS (comma-separated)."))
    var hl7ReportDestinations: [String] = []

    @Flag(name: .long, help: "Load the demo department (idempotent) and print demo sign-ins.")
    var demo = false

    func run() async throws {
        var flags = store.flags
        flags.host = host
        flags.httpPort = httpPort
        flags.dicomPort = dicomPort
        flags.hl7Port = hl7Port
        flags.hl7ReportDestinations = hl7ReportDestinations.isEmpty ? nil : hl7ReportDestinations
        flags.demo = demo ? true : nil
        let configuration = try ConfigurationLoader().load(flags)
        let logger = LightboxServer.makeLogger(level: configuration.logLevel)
        let registry = LightboxServer.bootstrapMetrics()
        try await LightboxServer.run(configuration, logger: logger, metrics: registry) { line in
            // Unbuffered, so a script reading the output sees each line (the listening address) at once.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
