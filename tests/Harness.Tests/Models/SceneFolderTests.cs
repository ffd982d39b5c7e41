using Harness.Sim.Scenes;

namespace Harness.Tests.Models;

/// <summary>
/// The converted robots ship inside Harness.Sim with their scene folders: the included robot file,
/// meshes and textures are extracted beside scene.xml, so MuJoCo's include and meshdir resolve.
/// </summary>
public class SceneFolderTests
{
    [Test]
    public void The_robot_file_meshes_and_textures_are_extracted_beside_each_scene()
    {
        string trossen = EmbeddedScenes.Folder("trossen-transfer-cube");
        Assert.That(File.Exists(Path.Combine(trossen, "stationary_ai.xml")));
        Assert.That(new FileInfo(Path.Combine(trossen, "assets", "link_6.stl")).Length, Is.EqualTo(141084), "bytes of the source mesh");
        Assert.That(File.Exists(Path.Combine(trossen, "assets", "maple_tabletop.png")));
        Assert.That(File.Exists(Path.Combine(trossen, "LICENSE")) && File.Exists(Path.Combine(trossen, "NOTICE")));

        string ur = EmbeddedScenes.Folder("ur5e-pick-place");
        Assert.That(File.Exists(Path.Combine(ur, "assets", "wrist3.obj")));
        Assert.That(File.Exists(Path.Combine(ur, "assets", "upperarm_3.obj")), Is.False, "left out: not in the source snapshot");

        string so101 = EmbeddedScenes.Folder("so101-pick-place");
        Assert.That(File.Exists(Path.Combine(so101, "assets", "moving_jaw_so101_v1.stl")));
    }

    [Test]
    public void Stills_are_for_people_and_are_not_embedded()
    {
        var names = typeof(EmbeddedScenes).Assembly.GetManifestResourceNames();
        Assert.That(names, Does.Contain("scenes/ur5e-pick-place/ur5e_2f85.xml"));
        Assert.That(names.Where(n => n.Contains("/stills/")), Is.Empty);
    }
}
