using Harness.Datasets.Format;
using Harness.Datasets.Video;
using Harness.Datasets.Writing;
using Harness.Tests.Support;

namespace Harness.Tests.Datasets;

/// <summary>Encoded camera videos decode to the right frame for every episode (seek by from_timestamp + i / fps).</summary>
public class VideoTests
{
    [TestCase("av1")]
    [TestCase("h264")]
    public void Each_decoded_frame_is_the_recorded_frame_of_its_episode(string codec)
    {
        var choice = codec == "av1" ? VideoCodecChoice.Av1 : VideoCodecChoice.H264;
        if (!Ffmpeg.HasEncoder(choice.Encoder)) Assert.Ignore($"this ffmpeg has no {choice.Encoder} encoder.");
        using var tmp = new TempDir("video");
        int[] lengths = [9, 14, 11];
        var ds = DatasetReader.Open(TestDatasets.Write(tmp["ds"], RecordFormat.V30, lengths, camera: true, codec: choice));
        Assert.That(ds.Info.Feature("observation.images.top")!.InfoValue("video.codec"), Is.EqualTo(codec));
        for (int e = 0; e < lengths.Length; e++)
        {
            var frames = EpisodeCameraFrames.Read(ds, e, "observation.images.top");
            Assert.That(frames, Has.Count.EqualTo(lengths[e]));
            for (int f = 0; f < frames.Count; f++)
            {
                double own = TestDatasets.Difference(frames[f], TestDatasets.Image(e, f));
                Assert.That(own, Is.LessThan(8), $"episode {e} frame {f}: lossy but close");
                // Closer to its own frame than to its neighbours: no off-by-one in the seek.
                if (f > 0) Assert.That(own, Is.LessThan(TestDatasets.Difference(frames[f], TestDatasets.Image(e, f - 1))), $"episode {e} frame {f} vs previous");
                if (f + 1 < lengths[e]) Assert.That(own, Is.LessThan(TestDatasets.Difference(frames[f], TestDatasets.Image(e, f + 1))), $"episode {e} frame {f} vs next");
            }
        }
    }

    [Test]
    public void A_missing_video_is_named()
    {
        var e = Assert.Throws<VideoException>(() => VideoFrameDecoder.Decode("/nonexistent/file-000.mp4", 0, 3, 30, 64, 64));
        Assert.That(e!.Message, Does.Contain("/nonexistent/file-000.mp4").And.Contain("not found"));
    }
}
