extension DICOMFile {
    /// The image's pixel data with its description. PS3.3 §C.7.6.3.
    public func pixelData() throws -> PixelData {
        try PixelData(file: self)
    }

    /// Decodes frame `index` (from 0) and renders it to 8-bit grey or RGB with the header's (or the frame's functional groups') Modality LUT, the VOI
    /// selection and MONOCHROME1 inversion. PS3.3 §C.11.
    public func renderFrame(_ index: Int, voi: FrameRenderer.VOISelection = .preset(0)) throws -> RenderedImage {
        let frame = try pixelData().frame(index)
        return try FrameRenderer(dataSet: dataSet, frameIndex: index).render(frame, voi: voi)
    }
}
