import DICOM
import DICOMNetwork
import Foundation
import LightboxDomain

/// Modality Worklist Information Model - FIND SCP (PS3.4 Annex K, SOP class 1.2.840.10008.5.1.4.31).
/// The items come from the domain's worklist (`ViewWorklist`, the same query as the JSON API's
/// worklist): only justified, booked, unfinished exams in rooms that are not suspended. The station
/// AE title, modality, appointment date and accession number keys narrow that query; every key is
/// then matched against each item by PS3.4 §K.2.2.1 (`ModalityWorklistMatcher`).
public struct ModalityWorklistHandler: FindHandler {
    /// Modality Worklist Information Model - FIND.
    public static let sopClassUID = "1.2.840.10008.5.1.4.31"

    let department: Department
    /// The most items answered to one query (configuration, `--worklist-limit`).
    let limit: Int

    public init(department: Department, limit: Int = ListExams.maximumLimit) {
        self.department = department
        self.limit = limit
    }

    public var sopClassUIDs: [String] { [Self.sopClassUID] }

    public func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws
        -> DIMSEStatus
    {
        let identifier = try request.identifier.dataSet()
        let timeZone = department.environment.configuration.timeZone
        let actor = Actor.dicomPeer(request.association)
        let query = Self.query(identifier, timeZone: timeZone)
        let items = try await department.viewWorklist(query, by: actor).value
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        var answered = 0
        for item in items {
            let dataSet = try item.dataSet(timeZone: timeZone)
            guard ModalityWorklistMatcher.matches(dataSet, identifier) else { continue }
            guard answered < limit else {
                // PS3.4 §K.4.1.1.4 has no warning for a cut answer: the matches sent stand, and the
                // final status says the rest was not (Out of Resources), so the modality can narrow it.
                throw Self.truncated(limit)
            }
            try await respond(try EncodedDataSet(ModalityWorklistMatcher.answer(dataSet, identifier), for: context))
            answered += 1
        }
        // The domain's own bound was reached: more booked exams may match than were read.
        if items.count >= query.limit { throw Self.truncated(answered) }
        return .success
    }

    /// The final status of an answer cut at `sent` items: 0xA700 (Out of Resources, PS3.4 §K.4.1.1.4).
    static func truncated(_ sent: Int) -> DIMSEFailure {
        DIMSEFailure(status: .outOfResources, errorComment: "More than \(sent) worklist items match: narrow the query")
    }

    /// The keys the domain's worklist query can take (single values without wildcards, date ranges); the
    /// rest is left to matching.
    static func query(_ identifier: DataSet, timeZone: TimeZone) -> WorklistQuery {
        var query = WorklistQuery()
        func exact(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
                !text.contains("*"), !text.contains("?"), !text.contains("\\")
            else { return nil }
            return text
        }
        query.accessionNumber = exact(identifier.string(.accessionNumber))
        if let step = identifier.sequence(.scheduledProcedureStepSequence)?.first {
            query.stationAETitle = exact(step.string(MWLTag.scheduledStationAETitle))
            query.modality = exact(step.string(MWLTag.modality)).flatMap(Modality.init(rawValue:))
            if let range = exact(step.string(MWLTag.scheduledProcedureStepStartDate)) {
                let parts = range.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = timeZone
                func day(_ text: String) -> Date? {
                    guard let date = DICOMDate(text) else { return nil }
                    return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
                }
                let low = parts[0]
                let high = parts.count > 1 ? parts[1] : parts[0]
                if !low.isEmpty { query.scheduledFrom = day(low) }
                if !high.isEmpty, let end = day(high) {
                    query.scheduledBefore = calendar.date(byAdding: .day, value: 1, to: end)
                }
            }
        }
        // An unknown modality term matches nothing; leave it to matching rather than to the domain's enum.
        if let term = identifier.sequence(.scheduledProcedureStepSequence)?.first?.string(MWLTag.modality),
            exact(term) != nil, Modality(rawValue: term) == nil
        {
            query.modality = nil
        }
        return query
    }
}
