import ArgumentParser
import LightboxServer

/// `lightbox verify-audit`: walks the SHA-256 chain of the audit log.
struct VerifyAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-audit",
        abstract: "Check the audit log's hash chain; exits non-zero and names the first broken entry if it was altered."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        let report: LightboxAdministration.AuditReport
        do {
            report = try await admin.verifyAudit()
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        print(report.summary)
        if !report.isIntact { throw ExitCode(2) }
    }
}
