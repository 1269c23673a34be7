import java.util.zip.ZipFile

// `mvn install` of a maven-plugin also records the group's plugin prefixes (what makes `mvn zerodown:check`
// work with <pluginGroup>dev.zerodown</pluginGroup>); invoker:install copies the jar only. Record the prefix
// the way install would, taken from the plugin's own descriptor.
def group = new File(localRepositoryPath, 'dev/zerodown')
def jar = new File(group, 'zerodown-maven-plugin').listFiles().findAll { it.isDirectory() }
        .collectMany { it.listFiles().findAll { it.name.endsWith('.jar') } as List }.first()
def descriptor = new ZipFile(jar).withCloseable { zip ->
    new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
}
def prefix = descriptor.goalPrefix.text()
assert prefix == 'zerodown'
new File(group, 'maven-metadata-local.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>${descriptor.name.text()}</name>
      <prefix>${prefix}</prefix>
      <artifactId>zerodown-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
"""
return true
