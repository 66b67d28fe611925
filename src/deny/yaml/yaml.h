/* Only src/files/ reads and writes YAML: libyaml is not for this layer. */
#error "libyaml is for src/files/ only"
