import Foundation

/// The ports every use case is built from (constructor injection; the composition root makes one).
public struct DepartmentEnvironment: Sendable {
    public var store: any DepartmentStore
    public var clock: any Clock
    public var ids: any IDGenerator
    public var configuration: DepartmentConfiguration
    public var policy: AccessPolicy
    /// Interface destinations every verified report is queued for (their names; the adapter that
    /// delivers them knows the addresses).
    public var reportDestinations: [String]

    public init(
        store: any DepartmentStore, clock: any Clock, ids: any IDGenerator,
        configuration: DepartmentConfiguration = .default, policy: AccessPolicy = .default,
        reportDestinations: [String] = []
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.configuration = configuration
        self.policy = policy
        self.reportDestinations = reportDestinations
    }
}
