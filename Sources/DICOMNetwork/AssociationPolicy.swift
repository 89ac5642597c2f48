/// Decides whether an association is accepted, from who asks and from where (PS3.8 §7.1.1.2 and
/// Table 9-21 for the rejection reasons). Return nil to accept.
public protocol AssociationPolicy: Sendable {
    func evaluate(_ request: AssociationInfo) async -> AAssociateRJ?

    /// The services offered on an accepted association: presentation contexts are negotiated, and
    /// requests served, with these handlers only, so a peer may be allowed some services and not
    /// others (its other contexts are rejected, abstract syntax not supported, PS3.8 §9.3.3.2).
    /// The default offers every handler of the server.
    func services(for request: AssociationInfo, offered: ServiceHandlers) async -> ServiceHandlers
}

extension AssociationPolicy {
    public func services(for request: AssociationInfo, offered: ServiceHandlers) async -> ServiceHandlers { offered }
}

/// The usual policy: the called AE title must be ours; optionally only known calling AE titles
/// and addresses are served ("unknown DICOM peers are refused by default" is configured here).
public struct AETitlePolicy: AssociationPolicy {
    /// Our AE title; nil accepts any called AE title.
    public var calledAETitle: String?
    /// Calling AE titles served; nil serves any.
    public var allowedCallingAETitles: Set<String>?
    /// Peer IP addresses served; nil serves any.
    public var allowedAddresses: Set<String>?

    public init(
        calledAETitle: String?, allowedCallingAETitles: Set<String>? = nil, allowedAddresses: Set<String>? = nil
    ) {
        self.calledAETitle = calledAETitle
        self.allowedCallingAETitles = allowedCallingAETitles
        self.allowedAddresses = allowedAddresses
    }

    public func evaluate(_ request: AssociationInfo) async -> AAssociateRJ? {
        if let calledAETitle, request.calledAETitle != calledAETitle {
            return AAssociateRJ(result: .rejectedPermanent, source: .serviceUser, reason: .calledAETitleNotRecognized)
        }
        if let allowedCallingAETitles, !allowedCallingAETitles.contains(request.callingAETitle) {
            return AAssociateRJ(result: .rejectedPermanent, source: .serviceUser, reason: .callingAETitleNotRecognized)
        }
        if let allowedAddresses, !allowedAddresses.contains(request.peerAddress) {
            return AAssociateRJ(result: .rejectedPermanent, source: .serviceUser, reason: .noReasonGiven)
        }
        return nil
    }
}
