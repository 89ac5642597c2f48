import LightboxDomain

extension ContrastRoute {
    /// The route as staff say it ("intra-articular").
    var label: String {
        switch self {
        case .intravenous: "intravenous"
        case .intraArterial: "intra-arterial"
        case .oral: "oral"
        case .rectal: "rectal"
        case .intrathecal: "intrathecal"
        case .intraArticular: "intra-articular"
        }
    }
}
