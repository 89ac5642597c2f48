/// Who is on the other end of an association, for handlers and policy decisions.
public struct AssociationInfo: Sendable, Equatable {
    public var callingAETitle: String
    public var calledAETitle: String
    /// The peer's IP address.
    public var peerAddress: String
    /// User identity negotiation item, if the requestor sent one (PS3.7 D.3.3.7).
    public var userIdentity: UserInformation.UserIdentityRQ?

    public init(
        callingAETitle: String, calledAETitle: String, peerAddress: String,
        userIdentity: UserInformation.UserIdentityRQ? = nil
    ) {
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
        self.peerAddress = peerAddress
        self.userIdentity = userIdentity
    }

    init(association: Association) {
        self.init(
            callingAETitle: association.request.callingAETitle, calledAETitle: association.request.calledAETitle,
            peerAddress: association.channel.remoteAddress,
            userIdentity: association.request.userInformation.userIdentityRQ)
    }
}
