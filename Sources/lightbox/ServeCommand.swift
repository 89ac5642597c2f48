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

    @Option(
        name: .customLong("demo-days"),
        help: ArgumentHelp(
            "Scaled demo: load this many days of patients (today and the days before), through the use cases.",
            discussion:
                "Implies --demo. Deterministic (seeded); loaded once per data folder. Env: LIGHTBOX_DEMO_DAYS. Default with --demo-patients-per-day: 10"
        ))
    var demoDays: Int?

    @Option(
        name: .customLong("demo-patients-per-day"),
        help: ArgumentHelp(
            "Scaled demo: patients a day (rooms are added to fit them within service hours).",
            discussion: "Implies --demo. Env: LIGHTBOX_DEMO_PATIENTS_PER_DAY. Default with --demo-days: 1000"))
    var demoPatientsPerDay: Int?

    @Option(
        name: .long,
        help: "Our DICOM AE title (the called AE title peers use). Env: LIGHTBOX_AE_TITLE. Default: LIGHTBOX")
    var aeTitle: String?

    @Option(
        name: .customLong("dicom-max-associations"),
        help:
            "DICOM associations served at once; beyond it A-ASSOCIATE-RJ transient. Env: LIGHTBOX_DICOM_MAX_ASSOCIATIONS. Default: 50"
    )
    var dicomMaximumAssociations: Int?

    @Option(
        name: .customLong("worklist-limit"),
        help:
            "Modality Worklist items answered to one C-FIND; more matches end it with A700. Env: LIGHTBOX_WORKLIST_LIMIT. Default: 1000"
    )
    var worklistLimit: Int?

    @Option(
        name: .customLong("dicom-tls-cert"), help: "DICOM over TLS: our certificate (PEM). Env: LIGHTBOX_DICOM_TLS_CERT"
    )
    var dicomTLSCertificate: String?

    @Option(
        name: .customLong("dicom-tls-key"),
        help: "DICOM over TLS: the certificate's private key (PEM). Env: LIGHTBOX_DICOM_TLS_KEY")
    var dicomTLSPrivateKey: String?

    @Option(
        name: .customLong("dicom-tls-ca"),
        help:
            "DICOM over TLS: trust anchors (PEM); peers must then present a certificate chaining to them. Env: LIGHTBOX_DICOM_TLS_CA"
    )
    var dicomTLSTrustRoots: String?

    @Option(
        name: .long,
        help:
            "An archived SOP Instance UID received with different bytes: keep (default) or replace. Env: LIGHTBOX_DUPLICATE_POLICY"
    )
    var duplicatePolicy: String?

    func run() async throws {
        var flags = store.flags
        flags.host = host
        flags.httpPort = httpPort
        flags.dicomPort = dicomPort
        flags.hl7Port = hl7Port
        flags.hl7ReportDestinations = hl7ReportDestinations.isEmpty ? nil : hl7ReportDestinations
        flags.demo = demo ? true : nil
        flags.aeTitle = aeTitle
        flags.dicomMaximumAssociations = dicomMaximumAssociations
        flags.worklistLimit = worklistLimit
        flags.dicomTLSCertificate = dicomTLSCertificate
        flags.dicomTLSPrivateKey = dicomTLSPrivateKey
        flags.dicomTLSTrustRoots = dicomTLSTrustRoots
        flags.duplicatePolicy = duplicatePolicy
        flags.demoDays = demoDays
        flags.demoPatientsPerDay = demoPatientsPerDay
        let configuration = try ConfigurationLoader().load(flags)
        let logger = LightboxServer.makeLogger(level: configuration.logLevel)
        let registry = LightboxServer.bootstrapMetrics()
        try await LightboxServer.run(configuration, logger: logger, metrics: registry) { line in
            // Unbuffered, so a script reading the output sees each line (the listening address) at once.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
