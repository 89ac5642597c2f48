/// A-ASSOCIATE-RQ PDU, PS3.8 §9.3.2.
public struct AAssociateRQ: Sendable, Equatable {
    /// Protocol version bit field (bit 0 = version 1), PS3.8 §9.3.2.
    public var protocolVersion: UInt16
    /// Called AE title (up to 16 characters, leading/trailing spaces not significant).
    public var calledAETitle: String
    /// Calling AE title.
    public var callingAETitle: String
    /// Application context name, PS3.8 §9.3.2.1 (PS3.7 Annex A: "1.2.840.10008.3.1.1.1").
    public var applicationContextName: String
    /// Presentation context items, PS3.8 §9.3.2.2.
    public var presentationContexts: [PresentationContextRQ]
    /// User information item, PS3.8 §9.3.2.3.
    public var userInformation: UserInformation

    public init(
        protocolVersion: UInt16 = 1, calledAETitle: String, callingAETitle: String,
        applicationContextName: String = ApplicationContext.dicom,
        presentationContexts: [PresentationContextRQ], userInformation: UserInformation
    ) {
        self.protocolVersion = protocolVersion
        self.calledAETitle = calledAETitle
        self.callingAETitle = callingAETitle
        self.applicationContextName = applicationContextName
        self.presentationContexts = presentationContexts
        self.userInformation = userInformation
    }
}

/// The DICOM application context, PS3.7 Annex A.2.1.
public enum ApplicationContext {
    /// The only application context name PS3.7 defines.
    public static let dicom = "1.2.840.10008.3.1.1.1"
}
