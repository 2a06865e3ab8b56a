// Use exactly the demo's sources, so the only differences are directory, locale and time zone.
import java.nio.file.Files
import java.nio.file.Path

Path from = new File(itSource, 'demo/src').toPath()
Path to = basedir.toPath().resolve('src')
Files.walk(from).withCloseable { paths ->
    paths.forEach { source ->
        Path target = to.resolve(from.relativize(source).toString())
        if (Files.isDirectory(source)) {
            Files.createDirectories(target)
        } else {
            Files.copy(source, target)
        }
    }
}
return true
