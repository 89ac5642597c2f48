import Foundation
import Hummingbird
import LightboxDomain
import NIOCore

/// The viewer's pages: a patient's images (`/patients/:id/images`), an exam's images for its image check
/// (`/exams/:id/images`, the same viewer opened on the exam's study), and the de-identified export for a referrer,
/// posted to ``ExportDeidentifiedImages`` and answered with the DICOM file, or a ZIP of them for a series or study.
extension WebApplication {
    func addViewerPages(_ page: PageRegistrar) {
        page(.get, "/patients/:patientID/images") { call in
            try await Self.viewerPage(call, patientID: try call.id("patientID"), examID: nil)
        }
        page(.get, "/exams/:examID/images") { call in
            _ = try call.require(.viewImages)
            let exam = try await call.department.viewExam(.init(examID: try call.id("examID")), by: call.actor).value
            return try await Self.viewerPage(call, patientID: exam.patientID, examID: exam.id)
        }
        page(.post, "/patients/:patientID/images/export") { call in
            _ = try call.require(.exportImages)
            let form = try await call.form()
            let patientID = try call.id("patientID")
            let scope = form["scope"] ?? "series"
            var problems: [FieldProblem] = []
            if !["image", "series", "study"].contains(scope) {
                problems.append(FieldProblem("scope", "choose the image, the series or the whole study"))
            }
            if scope == "image" && (form["instance"] == nil || form["series"] == nil) {
                problems.append(FieldProblem("scope", "open an image in the viewer first: the image on screen is sent"))
            }
            if scope == "series" && form["series"] == nil {
                problems.append(
                    FieldProblem("scope", "open a series in the viewer first: the series on screen is sent"))
            }
            let archive = try Self.pageArchive(call)
            let (_, studies) = try await archive.viewPatientImages(.init(patientID: patientID), by: call.actor)
            guard let study = form["study"], studies.contains(where: { $0.images.study.studyInstanceUID == study })
            else {
                throw PageRefusal.notFound("This patient has no such study.")
            }
            do {
                guard problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                let copies = try await archive.exportDeidentifiedImages(
                    .init(
                        studyInstanceUID: study, seriesInstanceUID: scope == "study" ? nil : form["series"],
                        sopInstanceUID: scope == "image" ? form["instance"] : nil, recipient: form["recipient"] ?? "",
                        purpose: form["purpose"] ?? ""),
                    by: call.actor)
                return try Self.download(copies)
            } catch let error as DomainError where error.code == .validationFailed {
                return try await Self.viewerPage(
                    call, patientID: patientID, examID: nil,
                    refused: (form, error.fields, error.fields.isEmpty ? [error.message] : []))
            }
        }
    }

    /// The archive behind the pages, or an error page saying there is none.
    static func pageArchive(_ call: PageCall) throws -> Archive {
        guard let archive = call.environment.archive else {
            throw Problem(
                code: "archive.unavailable", title: "No image archive", status: .serviceUnavailable,
                detail: "This Lightbox runs without an image archive, so there are no images to show.")
        }
        return archive
    }

    /// The viewer on `patientID`'s studies, opened on `examID`'s when given; `refused` re-shows a refused export.
    static func viewerPage(
        _ call: PageCall, patientID: UUID, examID: UUID?,
        refused: (FormBody, [FieldProblem], [String])? = nil
    ) async throws -> Response {
        let user = try call.require(.viewImages)
        let archive = try pageArchive(call)
        let (patient, studies) = try await archive.viewPatientImages(.init(patientID: patientID), by: call.actor)
        // `?study=…&series=…` opens a given series (a link from elsewhere); a refused export re-opens its own.
        let opened = FormBody(pairs: [("study", call.query("study") ?? ""), ("series", call.query("series") ?? "")])
        let model = ViewerPageModel(
            layout: try call.layout("Images: " + patient.name.display), patient: patient, studies: studies,
            examID: examID ?? call.query("exam").flatMap(UUID.init(uuidString:)),
            canExport: call.environment.policy.allows(user.role, .exportImages), form: refused?.0 ?? opened,
            problems: refused?.1 ?? [], general: refused?.2 ?? [])
        return try call.page(model, status: refused == nil ? .ok : .unprocessableContent)
    }

    /// One de-identified instance as a DICOM file, several as a ZIP of `series/instance.dcm`; never cached.
    static func download(_ copies: [DeidentifiedInstance]) throws -> Response {
        if copies.count == 1, let copy = copies.first {
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/dicom", .cacheControl: "no-store",
                    .contentDisposition: "attachment; filename=\"\(copy.sopInstanceUID).dcm\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: copy.bytes)))
        }
        var zip = ZipArchive()
        do {
            for copy in copies {
                try zip.append(name: "\(copy.seriesInstanceUID)/\(copy.sopInstanceUID).dcm", bytes: copy.bytes)
            }
        } catch let error as ZipArchive.TooLarge {
            throw DomainError(.validationFailed, "The export cannot be made: \(error.description).")
        }
        let name = copies.first.map { "deidentified-\($0.studyInstanceUID).zip" } ?? "deidentified.zip"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: .init(byteBuffer: zip.finished()))
    }
}
