import Foundation
import LightboxDomain

/// The DICOM peers (issue 14): the modalities, workstations and archives that may associate with Lightbox, the
/// services each may use, a form to add one (or change a known AE title's address and services) and removal:
/// `AddDICOMPeer`, `ListDICOMPeers` and `RemoveDICOMPeer`, the API's use cases.
struct DICOMPeersPageModel: PageModel {
    static let template = "admin-dicom-peers"

    struct Row: Sendable, Equatable {
        var aeTitle: String
        var address: String
        var services: String
        var removeAction: String
        var removeLabel: String
    }

    struct Service: Sendable, Equatable {
        var id: String
        var value: String
        var label: String
        var checked: Bool
    }

    var layout: LayoutModel
    var rows: [Row]
    var hasRows: Bool
    var aeTitle: FormField
    var host: FormField
    var port: FormField
    var services: [Service]
    var servicesError: String?
    var errorSummary: ErrorSummary?

    init(layout: LayoutModel, peers: [DICOMPeer], form: FormBody? = nil, problems: [FieldProblem] = []) {
        self.layout = layout
        rows = peers.sorted { $0.aeTitle < $1.aeTitle }.map { peer in
            Row(
                aeTitle: peer.aeTitle, address: "\(peer.host):\(peer.port)",
                services: DICOMService.allCases.filter(peer.services.contains).map(\.label).joined(separator: ", "),
                removeAction: "/admin/dicom-peers/removal",
                removeLabel: "Remove \(peer.aeTitle)")
        }
        hasRows = !rows.isEmpty
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        aeTitle = FormField(
            "aeTitle", label: "AE title", value: form?["aeTitle"],
            hint: "As configured on the peer, up to 16 characters",
            error: error("aeTitle"), width: "20")
        host = FormField(
            "host", label: "Host", value: form?["host"], hint: "Host name or IP address", error: error("host"),
            width: "20")
        port = FormField(
            "port", label: "Port", value: form?["port"] ?? (form == nil ? "104" : nil), error: error("port"),
            type: "number", width: "10")
        let ticked = Set(form?.all("services") ?? [])
        services = DICOMService.allCases.map { service in
            Service(
                id: "service-\(service.rawValue)", value: service.rawValue, label: service.label,
                checked: ticked.contains(service.rawValue))
        }
        servicesError = error("services")
        var fields = [aeTitle, host, port]
        if let servicesError {
            var field = FormField("services", label: "Services", error: servicesError)
            field.id = "service-\(DICOMService.allCases[0].rawValue)"
            fields.append(field)
        }
        let known = Set(fields.map(\.name))
        errorSummary = ErrorSummary(
            fields: fields, general: problems.filter { !known.contains($0.field) }.map(\.problem))
    }

    /// The peer from the form, or the problems with it.
    static func command(_ form: FormBody) -> (AddDICOMPeer.Command?, [FieldProblem]) {
        guard let port = form["port"].flatMap(Int.init) else {
            return (nil, [FieldProblem("port", "enter the port as a number")])
        }
        return (
            AddDICOMPeer.Command(
                aeTitle: form["aeTitle"] ?? "", host: form["host"] ?? "", port: port,
                services: Set(form.all("services").compactMap(DICOMService.init(rawValue:)))), []
        )
    }
}

extension DICOMService {
    /// The service as a PACS manager says it, with its DIMSE name.
    var label: String {
        switch self {
        case .echo: "Verification (C-ECHO)"
        case .store: "Send images (C-STORE)"
        case .find: "Query (C-FIND)"
        case .move: "Retrieve by move (C-MOVE)"
        case .get: "Retrieve by get (C-GET)"
        case .worklist: "Modality worklist"
        case .mpps: "Performed procedure step (MPPS)"
        case .commit: "Storage commitment"
        }
    }
}
