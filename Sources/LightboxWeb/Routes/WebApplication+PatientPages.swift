import Foundation
import Hummingbird
import LightboxDomain

/// Reception's pages: find a patient by any identifier, register one, read a patient's record
/// (audited as `patient.read`, as through the API).
extension WebApplication {
    func addPatientPages(_ page: PageRegistrar) {
        page(.get, "/patients") { call in
            let user = try call.require(.viewPatient)
            let canRegister = call.environment.policy.allows(user.role, .managePatients)
            guard let text = call.query("q") else {
                return try call.page(
                    PatientSearchPageModel(
                        layout: try call.layout("Find a patient"), query: nil, found: nil, canRegister: canRegister))
            }
            var found: [Patient] = []
            for query in PatientSearchPageModel.queries(for: text) {
                for patient in try await call.department.searchPatients(query, by: call.actor).value
                where !found.contains(where: { $0.id == patient.id }) {
                    found.append(patient)
                }
            }
            return try call.page(
                PatientSearchPageModel(
                    layout: try call.layout("Find a patient"), query: text, found: found, canRegister: canRegister))
        }
        page(.get, "/patients/new") { call in
            _ = try call.require(.managePatients)
            return try call.page(RegisterPatientPageModel(layout: try call.layout("Register a patient")))
        }
        page(.post, "/patients") { call in
            _ = try call.require(.managePatients)
            return try await call.submit(showing: .invalidInputOrNamingFields, parse: RegisterPatientPageModel.details)
            {
                let patient = try await call.department.registerPatient($0, by: call.actor).value
                return "/patients/\(patient.id.uuidString)?done=registered"
            } again: { form, error in
                try call.page(
                    RegisterPatientPageModel(
                        layout: try call.layout("Register a patient"), form: form, problems: error.fields,
                        general: error.fields.isEmpty ? [error.message] : []),
                    status: .unprocessableContent)
            }
        }
        page(.get, "/patients/:patientID") { call in
            _ = try call.require(.viewPatient)
            let record = try await call.department.viewPatientRecord(
                .init(patientID: try call.id("patientID")), by: call.actor
            ).value
            let role = try call.signedIn().role
            // The dose history is part of the record for those who read the dose register (an audited read).
            let doseHistory =
                call.environment.policy.allows(role, .viewDoseRegister)
                ? try await call.department.viewPatientDoseHistory(.init(patientID: record.patient.id), by: call.actor)
                : nil
            return try call.page(
                PatientPageModel(
                    layout: try call.layout(record.patient.name.display), record: record,
                    now: call.environment.clock.now(),
                    configuration: try await call.department.viewThresholds.configurationInForce(),
                    canViewImages: call.environment.archive != nil && call.environment.policy.allows(role, .viewImages),
                    doseHistory: doseHistory)
            )
        }
    }
}
