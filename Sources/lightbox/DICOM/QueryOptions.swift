import ArgumentParser
import DICOM
import DICOMNetwork

/// The query shared by find, move and get: information model, `-k` keys and query files.
struct QueryOptions: ParsableArguments {
    @Flag(name: [.customShort("P"), .customLong("patient-root")], help: "Patient Root information model.")
    var patientRoot = false

    @Flag(name: [.customShort("S"), .customLong("study-root")], help: "Study Root information model (default).")
    var studyRoot = false

    @Flag(name: [.customShort("W"), .customLong("worklist")], help: "Modality Worklist information model.")
    var worklist = false

    @Option(
        name: [.customShort("k"), .customLong("key")],
        help: "Query key: Keyword=Value, gggg,eeee=Value, or a path like ScheduledProcedureStepSequence[0].Modality=CT."
    )
    var keys: [String] = []

    @Option(name: [.customLong("query-file")], help: "A DICOM file whose data set is the query (keys apply on top).")
    var queryFile: String?

    var model: QueryInformationModel {
        if worklist { return .worklist }
        if patientRoot { return .patientRoot }
        return .studyRoot
    }

    func validate() throws {
        if [patientRoot, studyRoot, worklist].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --patient-root, --study-root, --worklist")
        }
    }

    func identifier() throws -> DataSet {
        let base = try queryFile.map { try DICOMReader().read(contentsOf: $0).dataSet } ?? DataSet()
        return try QueryKeys.identifier(keys: keys, base: base)
    }
}
