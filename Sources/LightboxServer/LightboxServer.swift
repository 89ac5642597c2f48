import Foundation
import Hummingbird
import LightboxDICOM
import LightboxDomain
import LightboxHL7
import LightboxStore
import LightboxWeb
import Logging
import NIOPosix
import Prometheus
import ServiceLifecycle

/// The composition root: the one place where the store's implementations are wired into the
/// domain's use cases and the web application, and the services are started.
public enum LightboxServer {
    /// Opens the database, migrates it, builds the department and the web application, loads the
    /// demo department when asked, and runs everything in a `ServiceGroup` until SIGTERM or SIGINT
    /// (graceful: the HTTP server drains, then the database closes).
    ///
    /// - Parameters:
    ///   - metrics: the registry the process bootstrapped `MetricsSystem` with, served at `/metrics`.
    ///   - output: where start-up lines for the person at the terminal go (listening address, demo sign-ins).
    public static func run(
        _ configuration: ServerConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry?,
        output: @escaping @Sendable (String) -> Void
    ) async throws {
        let database = try await LightboxDatabase.open(
            try DatabaseConfiguration.from(
                databaseURL: configuration.databaseURL, dataDirectory: configuration.dataDirectory),
            logger: logger)
        do {
            try await database.migrate()
            let live = LiveUpdates()
            let store = FluentDepartmentStore(database: database, events: live)
            let clock = SystemClock()
            let ids = RandomIDGenerator()
            // One environment for every door, so a report verified through the API or HL7 is queued
            // for the same destinations.
            let departmentEnvironment = DepartmentEnvironment(
                store: store, clock: clock, ids: ids, configuration: configuration.department,
                reportDestinations: configuration.hl7ReportDestinations.map(\.name))
            let department = Department(departmentEnvironment)
            let archive = try makeArchive(configuration, department: departmentEnvironment, logger: logger)
            let auth = AuthService(
                store: store, clock: clock, ids: ids,
                configuration: AuthConfiguration(
                    bcryptCost: configuration.bcryptCost,
                    sessionLifetime: TimeInterval(configuration.department.sessionLifetimeSeconds),
                    secureCookies: configuration.secureCookies,
                    idleTimeout: TimeInterval(configuration.idleTimeoutSeconds),
                    throttle: configuration.signInThrottle))
            if configuration.demo {
                let signIns = try await DemoDepartment(
                    department: department, store: store, auth: auth, clock: clock,
                    configuration: configuration.department
                ).load()
                for line in signIns.lines { output(line) }
                if let scale = configuration.demoScale {
                    try await ScaledDemo(
                        department: department, auth: auth, clock: clock, configuration: configuration.department,
                        scale: scale
                    ).load(progress: output)
                }
                for line in try await DemoArchive(archive: archive, store: store, clock: clock).load() { output(line) }
            }
            var metricsText: (@Sendable () -> String)?
            if let metrics { metricsText = { metrics.emitToString() } }
            let healthCheck: @Sendable () async throws -> Void = { _ = try await database.appliedMigrations() }
            var environment = APIEnvironment(
                department: department, store: store, policy: .default, auth: auth, clock: clock,
                limits: WebLimits(maxBodyBytes: configuration.maxBodyBytes),
                healthCheck: healthCheck, metricsText: metricsText)
            environment.archive = archive
            environment.imagingArchive = ArchiveImagingStudies(archive: archive)
            environment.live = live
            environment.jobs = ViewScheduledJobs(
                policy: .default, schedules: scheduledJobs(department: department, logger: logger).map(\.schedule),
                runs: FluentJobRunRepository(database: database))
            environment.auditChain = AuditChainMonitor {
                switch try await AuditVerifier(database: database).verify() {
                case .intact(let entries): (true, "\(entries) entries, each chained to the one before it")
                case .broken(let chainBreak): (false, chainBreak.description)
                }
            }
            let web = WebApplication(environment: environment)
            let host = configuration.host
            let app = Application(
                router: web.buildRouter().router,
                configuration: .init(address: .hostname(host, port: configuration.httpPort), serverName: "Lightbox"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? configuration.httpPort
                    output("Lightbox listening on http://\(host):\(port)")
                },
                logger: logger)
            let eventLoops = MultiThreadedEventLoopGroup.singleton
            let hl7 = try await HL7Listener.bind(
                .init(host: host, port: configuration.hl7Port), environment: departmentEnvironment,
                group: eventLoops, logger: logger)
            output("HL7 MLLP listening on \(host):\(hl7.port ?? configuration.hl7Port)")
            let dicom = try makeDICOMListener(
                configuration, department: department, archive: archive, group: eventLoops, logger: logger,
                output: output)
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: DatabaseService(database: database)), .init(service: app), .init(service: hl7),
                .init(service: dicom),
            ]
            if !configuration.hl7ReportDestinations.isEmpty {
                let sender = ReportOutboxSender(
                    destinations: configuration.hl7ReportDestinations, environment: departmentEnvironment,
                    group: eventLoops, logger: logger)
                services.append(.init(service: sender))
            }
            services.append(
                .init(
                    service: JobRunner(
                        jobs: scheduledJobs(department: department, logger: logger),
                        runs: FluentJobRunRepository(database: database), clock: clock, logger: logger)))
            services.append(.init(service: LiveEventsService(live: live, database: database)))
            let group = ServiceGroup(
                configuration: .init(
                    services: services,
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            logger.info(
                "Starting Lightbox",
                metadata: [
                    "data": "\(configuration.dataDirectory)", "engine": "\(database.engine.rawValue)",
                    "http": "\(host):\(configuration.httpPort)", "hl7": "\(host):\(configuration.hl7Port)",
                ])
            try await group.run()
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
