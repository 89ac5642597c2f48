import Foundation
import Hummingbird
import LightboxDomain

extension WebApplication {
    static var patientRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/patients", id: "registerPatient", summary: "Register a patient", tag: "Patients",
                access: .permission(.managePatients), body: PatientDetails.self, response: Outcome<Patient>.self,
                status: .created, problems: [.conflict]
            ) { call, details in
                try await call.department.registerPatient(details, by: call.actor)
            },
            .json(
                .get, "/api/patients", id: "searchPatients",
                summary: "Find patients (audited as a search of patient records)", tag: "Patients",
                access: .permission(.viewPatient),
                query: [
                    QueryParameter("nhsNumber", "NHS number (10 digits)"),
                    QueryParameter("hospitalNumber", "Hospital number"),
                    QueryParameter("familyName", "Family name (prefix match)"),
                    QueryParameter("dateOfBirth", "Date of birth", format: "date"),
                ], body: NoBody.self, response: [Patient].self, problems: [.unprocessableContent]
            ) { call, _ in
                var query = PatientQuery()
                var errors: [Problem.FieldError] = []
                if let nhs = call.query("nhsNumber") {
                    do {
                        query.nhsNumber = try NHSNumber(nhs)
                    } catch let error as DomainError {
                        errors += error.fields.map { Problem.FieldError(field: $0.field, problem: $0.problem) }
                    }
                }
                query.hospitalNumber = call.query("hospitalNumber")
                query.familyName = call.query("familyName")
                do { query.dateOfBirth = try call.queryDate("dateOfBirth") } catch let problem as Problem {
                    errors += problem.errors
                }
                if !errors.isEmpty { throw Problem.invalid("The search terms are wrong.", errors: errors) }
                return try await call.department.searchPatients(query, by: call.actor).value
            },
            .json(
                .get, "/api/patients/{patientID}", id: "viewPatientRecord",
                summary: "A patient's record with their exams (every read is audited)", tag: "Patients",
                access: .permission(.viewPatient), body: NoBody.self, response: PatientRecord.self
            ) { call, _ in
                try await call.department.viewPatientRecord(
                    ViewPatientRecord.Command(patientID: call.id("patientID")), by: call.actor
                ).value
            },
            .json(
                .put, "/api/patients/{patientID}", id: "updatePatient", summary: "Correct a patient's details",
                tag: "Patients", access: .permission(.managePatients), body: PatientDetails.self,
                response: Outcome<Patient>.self, problems: [.conflict]
            ) { call, details in
                try await call.department.updatePatient(
                    UpdatePatient.Command(patientID: call.id("patientID"), details: details), by: call.actor)
            },
        ]
    }
}
