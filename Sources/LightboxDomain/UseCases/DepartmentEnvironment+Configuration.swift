import Foundation

extension DepartmentEnvironment {
    /// The one way rules read thresholds: the start-up configuration overlaid with the threshold changes in force
    /// at `moment`, read in the caller's transaction, so a change takes effect from its date without a restart.
    public func configuration(at moment: Date, in unit: any UnitOfWork) async throws -> DepartmentConfiguration {
        configuration.inForce(at: moment, changes: try await unit.thresholds.list())
    }
}
