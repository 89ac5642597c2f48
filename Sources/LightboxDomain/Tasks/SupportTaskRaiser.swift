import Foundation

/// What a use case that may raise an automatic task hands to `SupportTaskRules`: the source of ids and the due
/// times in force.
struct SupportTaskRaiser: Sendable {
    var ids: any IDGenerator
    var dueTimes: SupportTaskDueTimes

    init(_ ids: any IDGenerator, _ configuration: DepartmentConfiguration) {
        self.ids = ids
        self.dueTimes = configuration.supportTaskDueTimes
    }
}
