import Foundation
import LightboxDomain

/// What the one layout shows around every page: title, who is signed in, the navigation their role
/// may use, the form token for the sign-out form, and the idle timeout the page script counts down.
struct LayoutModel: Sendable, Equatable {
    struct NavigationItem: Sendable, Equatable {
        var label: String
        var href: String
        var current: Bool
    }

    var title: String
    var signedIn: Bool
    var userName: String
    var roleLabel: String
    var csrfToken: String
    var navigation: [NavigationItem]
    var idleSeconds: Int
    /// A one-line confirmation of what was just done ("Request justified"), shown above the content.
    var notice: String?

    /// The layout for a visitor (sign-in page).
    static func visitor(title: String) -> LayoutModel {
        LayoutModel(
            title: title, signedIn: false, userName: "", roleLabel: "", csrfToken: "", navigation: [],
            idleSeconds: 0, notice: nil)
    }

    /// The layout for a signed-in person; `path` marks the current navigation item.
    init(
        title: String, user: SignedInUser, policy: AccessPolicy, csrfToken: String, path: String,
        idleSeconds: Int, notice: String? = nil
    ) {
        self.init(
            title: title, signedIn: true, userName: user.username, roleLabel: user.role.label,
            csrfToken: csrfToken,
            navigation: Self.navigation(for: user.role, policy: policy).map { label, href in
                NavigationItem(
                    label: label, href: href, current: href == "/" ? path == "/" : path.hasPrefix(href))
            },
            idleSeconds: idleSeconds, notice: notice)
    }

    init(
        title: String, signedIn: Bool, userName: String, roleLabel: String, csrfToken: String,
        navigation: [NavigationItem], idleSeconds: Int, notice: String?
    ) {
        self.title = title
        self.signedIn = signedIn
        self.userName = userName
        self.roleLabel = roleLabel
        self.csrfToken = csrfToken
        self.navigation = navigation
        self.idleSeconds = idleSeconds
        self.notice = notice
    }

    /// The pages a role may open, in the order of the patient's journey.
    static func navigation(for role: AccessRole, policy: AccessPolicy) -> [(String, String)] {
        var items: [(String, String)] = [("Home", "/")]
        if policy.allows(role, .viewPatient) { items.append(("Patients", "/patients")) }
        if policy.allows(role, .justify) { items.append(("Vetting", "/vetting")) }
        if policy.allows(role, .viewAudit) { items.append(("Audit log", "/audit")) }
        if policy.allows(role, .checkIn) || policy.allows(role, .performExam) {
            items.append(("Worklists", "/worklist"))
        }
        if policy.allows(role, .report) || policy.allows(role, .verifyReport) {
            items.append(("Reporting", "/reporting"))
        }
        if ![.referrer, .integration].contains(role) { items.append(("Staff records", "/staff-records")) }
        if policy.allows(role, .viewStock) { items.append(("Stock", "/stock")) }
        if policy.allows(role, .viewEquipment) { items.append(("Equipment and QA", "/equipment")) }
        if policy.allows(role, .viewStatistics) { items.append(("Statistics", "/statistics")) }
        if policy.allows(role, .reportSAUE) { items.append(("Dose incidents", "/dose/incidents")) }
        if policy.allows(role, .checkIn) { items.append(("Reception", "/reception")) }
        if policy.allows(role, .book) { items.append(("Booking", "/booking")) }
        if policy.allows(role, .viewTasks) { items.append(("Tasks", "/tasks")) }
        if policy.allows(role, .viewDoseRegister) { items.append(("Dose", "/dose")) }
        if policy.allows(role, .viewIncidents) {
            items.append(("Incidents", "/incidents"))
        } else if policy.allows(role, .reportIncident) {
            items.append(("Report an incident", "/incidents/new"))
        }
        if policy.allows(role, .viewRota) { items.append(("Rota", "/rota")) }
        if policy.allows(role, .reconcileImages) { items.append(("Reconciliation", "/reconciliation")) }
        if policy.allows(role, .manageAccounts) || policy.allows(role, .manageRooms)
            || policy.allows(role, .manageCatalogue)
        {
            items.append(("Administration", "/admin"))
        }
        return items
    }
}

extension AccessRole {
    /// The role as staff say it.
    var label: String {
        switch self {
        case .referrer: "Referrer"
        case .supportWorker: "Support worker"
        case .apprentice: "Apprentice"
        case .student: "Student"
        case .assistantPractitioner: "Assistant practitioner"
        case .radiographer: "Radiographer"
        case .radiologist: "Radiologist"
        case .reportingRadiographer: "Reporting radiographer"
        case .physicist: "Physicist"
        case .manager: "Manager"
        case .admin: "Administrator"
        case .integration: "Integration"
        }
    }
}
