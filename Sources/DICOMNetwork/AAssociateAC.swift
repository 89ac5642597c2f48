/// A-ASSOCIATE-AC PDU, PS3.8 §9.3.3.
public struct AAssociateAC: Sendable, Equatable {
    /// Protocol version bit field, PS3.8 §9.3.3.
    public var protocolVersion: UInt16
    /// Echo of the request's called AE title (PS3.8 says not tested on receipt).
    public var calledAETitle: String
    /// Echo of the request's calling AE title.
    public var callingAETitle: String
    /// Application context name, PS3.8 §9.3.3.1.
    public var applicationContextName: String
    /// Presentation context results, PS3.8 §9.3.3.2.
    public var presentationContexts: [PresentationContextAC]
    /// User information item, PS3.8 §9.3.3.3.
    public var userInformation: UserInformation

    public init(
        protocolVersion: UInt16 = 1, calledAETitle: String, callingAETitle: String,
        applicationContextName: String = ApplicationContext.dicom,
        presentationContexts: [PresentationContextAC], userInformation: UserInformation
    ) {
        self.protocolVersion = protocolVersion
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
        self.applicationContextName = applicationContextName
        self.presentationContexts = presentationContexts
        self.userInformation = userInformation
    }
}
