import Foundation
import LightboxDomain

/// The task board on a support worker's home (issue 14): the tasks they have claimed, then the open ones most
/// pressing first, each with its actions (a form sent from here comes back here). A live region: a new task
/// appears without a reload.
struct HomeTasks: Sendable, Equatable {
    var mine: [TaskBoardPageModel.TaskRow]
    var hasMine: Bool
    var open: [TaskBoardPageModel.TaskRow]
    var hasOpen: Bool
    var openCount: Int
    var moreOpen: Bool
    var liveSource: String?
    var csrfToken: String
    /// Where the rows' forms send the browser back to.
    var back = "/"

    /// Open tasks shown on the home page; the board has the rest.
    static let openShown = 10

    init(
        entries: [SupportTaskEntry], actor: Actor, policy: AccessPolicy, now: Date,
        configuration: DepartmentConfiguration, csrfToken: String, livePosition: String?
    ) {
        let format = PageFormat(configuration.timeZone)
        func row(_ entry: SupportTaskEntry) -> TaskBoardPageModel.TaskRow {
            TaskBoardPageModel.row(entry, actor: actor, policy: policy, format: format, now: now)
        }
        mine = entries.filter { $0.task.status == .claimed && $0.task.claimedBy == actor.username }.map(row)
        hasMine = !mine.isEmpty
        let open = entries.filter { $0.task.status == .open }
        self.open = open.prefix(Self.openShown).map(row)
        hasOpen = !open.isEmpty
        openCount = open.count
        moreOpen = open.count > Self.openShown
        self.csrfToken = csrfToken
        liveSource = livePosition.map { "/live?after=\($0)" }
    }
}
