import Foundation
import LightboxDICOM
import LightboxDomain
import LightboxStore
import Logging

extension LightboxServer {
    /// The DICOM Conformance Statement of the listener `serve` starts with `configuration`: the
    /// services are built exactly as `serve` builds them, on a throwaway SQLite file and image
    /// folder (nothing is read from or written to the configured data; no handler is called).
    public static func conformanceStatement(_ configuration: ServerConfiguration, logger: Logger) async throws
        -> ConformanceStatement
    {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-conformance-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var throwaway = configuration
        throwaway.databaseURL = nil
        throwaway.dataDirectory = scratch.path
        throwaway.imageDirectory = nil
        let database = try await LightboxDatabase.open(
            .sqlite(inDataDirectory: scratch.path), logger: logger)
        let environment = DepartmentEnvironment(
            store: FluentDepartmentStore(database: database), clock: SystemClock(), ids: RandomIDGenerator(),
            configuration: configuration.department)
        do {
            let archive = try makeArchive(throwaway, department: environment, logger: logger)
            let statement = ConformanceStatement(
                services: .lightbox(
                    department: Department(environment), archive: archive, aeTitle: configuration.dicomAETitle,
                    logger: logger, worklistLimit: configuration.worklistLimit),
                listener: dicomListenerConfiguration(configuration), archive: configuration.archive,
                worklistLimit: configuration.worklistLimit)
            await database.shutdown()
            return statement
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
