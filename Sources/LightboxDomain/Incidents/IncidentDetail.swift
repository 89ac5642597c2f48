import Foundation

/// One incident as its page shows it: the record, the patient it names and the dose incident (SAUE) case linked.
public struct IncidentDetail: Sendable, Codable, Equatable {
    public var incident: Incident
    public var patient: Patient?
    public var saueCase: SAUECase?

    public init(incident: Incident, patient: Patient?, saueCase: SAUECase?) {
        self.incident = incident
        self.patient = patient
        self.saueCase = saueCase
    }
}
