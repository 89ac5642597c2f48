import Foundation
import LightboxDomain

/// The administration index (issue 14): the administration pages this person's role may use.
struct AdminIndexPageModel: PageModel {
    static let template = "admin"

    struct Item: Sendable, Equatable {
        var label: String
        var href: String
        var description: String
    }

    var layout: LayoutModel
    var items: [Item]

    init(layout: LayoutModel, role: AccessRole, policy: AccessPolicy) {
        self.layout = layout
        items = Self.items(for: role, policy: policy)
    }

    /// The administration pages `role` may open.
    static func items(for role: AccessRole, policy: AccessPolicy) -> [Item] {
        var items: [Item] = []
        if policy.allows(role, .manageAccounts) {
            items.append(
                Item(label: "Accounts", href: "/admin/accounts", description: "Sign-in accounts and their roles"))
        }
        if policy.allows(role, .manageStaff) {
            items.append(
                Item(
                    label: "Staff and entitlements", href: "/admin/staff",
                    description: "Members of staff, registrations, and what each may do under IR(ME)R until when"))
        }
        if policy.allows(role, .manageRooms) {
            items.append(
                Item(
                    label: "Rooms", href: "/admin/rooms",
                    description: "Rooms and mobile units: status, AE titles and service hours"))
        }
        if policy.allows(role, .manageCatalogue) {
            items.append(
                Item(
                    label: "Exam catalogue", href: "/admin/catalogue",
                    description: "The exams the department does; import from a CSV file"))
        }
        if policy.allows(role, .manageDICOMPeers) {
            items.append(
                Item(
                    label: "DICOM peers", href: "/admin/dicom-peers",
                    description: "Modalities and archives that may connect, and the services each may use"))
        }
        if policy.allows(role, .viewAudit) {
            items.append(
                Item(
                    label: "Audit log", href: "/audit", description: "Who did what, when and from where; the hash chain"
                ))
        }
        return items
    }
}
