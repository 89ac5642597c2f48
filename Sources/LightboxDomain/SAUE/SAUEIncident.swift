import Foundation

/// The doses of an incident as the physicist estimates them (CQC: the total of the incident is the intended dose plus
/// the over-exposure and any necessary repeats). Effective doses in mSv; the interventional dose and its local DRL in
/// the same quantity (DAP Gy·cm², dose at the reference point mGy …); foetal dose in mGy.
public struct SAUEIncident: Sendable, Codable, Equatable {
    public var kind: SAUEIncidentKind
    /// Age in completed years on the day of the incident (adult or child); needed for accidental and low-dose
    /// unintended exposures.
    public var patientAgeYears: Int?
    /// The effective dose that was intended (unintended exposures), mSv.
    public var intendedEffectiveDoseMilliSievert: Double?
    /// The effective dose of the whole incident: intended plus extra plus repeats, mSv.
    public var totalEffectiveDoseMilliSievert: Double?
    /// Interventional: the procedure's dose, in the quantity of its local DRL.
    public var interventionalDose: Double?
    /// Interventional: the local DRL of the procedure, same quantity.
    public var localDRL: Double?
    /// Interventional: the quantity both are in ("DAP Gy·cm²").
    public var drlQuantity: String?
    /// Interventional: observable tissue effects beyond transient erythema.
    public var tissueEffectsBeyondTransientErythema: Bool
    /// The estimated dose to the foetus, mGy, when the patient was pregnant (any kind of incident).
    public var foetalDoseMilliGray: Double?

    public init(
        kind: SAUEIncidentKind, patientAgeYears: Int? = nil, intendedEffectiveDoseMilliSievert: Double? = nil,
        totalEffectiveDoseMilliSievert: Double? = nil, interventionalDose: Double? = nil, localDRL: Double? = nil,
        drlQuantity: String? = nil, tissueEffectsBeyondTransientErythema: Bool = false,
        foetalDoseMilliGray: Double? = nil
    ) {
        self.kind = kind
        self.patientAgeYears = patientAgeYears
        self.intendedEffectiveDoseMilliSievert = intendedEffectiveDoseMilliSievert
        self.totalEffectiveDoseMilliSievert = totalEffectiveDoseMilliSievert
        self.interventionalDose = interventionalDose
        self.localDRL = localDRL
        self.drlQuantity = drlQuantity
        self.tissueEffectsBeyondTransientErythema = tissueEffectsBeyondTransientErythema
        self.foetalDoseMilliGray = foetalDoseMilliGray
    }
}
