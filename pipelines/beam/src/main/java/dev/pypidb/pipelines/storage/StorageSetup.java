package dev.pypidb.pipelines.storage;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.regions.Region;

/**
 * Makes the stores a command's locations name usable, the standard way for each, and registers
 * Beam's file systems with the result ({@link FileSystems#setDefaultPipelineOptions}):
 *
 * <ul>
 *   <li>HDFS: the Hadoop configuration of {@code HADOOP_CONF_DIR} / {@code YARN_CONF_DIR} (Beam's
 *       {@code --hdfsConfiguration} default). Without one, a configuration whose
 *       {@code fs.defaultFS} is the first {@code hdfs://host:port} location, which is all a
 *       fully named location needs.
 *   <li>S3: Beam's AWS options ({@code --awsRegion}, {@code --endpoint},
 *       {@code --awsCredentialsProvider}) over the AWS SDK's defaults (environment variables,
 *       {@code ~/.aws} profiles, instance roles). An S3-compatible store is named with
 *       {@code --endpoint=URL} or the SDK's {@code AWS_ENDPOINT_URL_S3} /
 *       {@code AWS_ENDPOINT_URL}; with an endpoint, requests are path-style and the region
 *       defaults to us-east-1. Credentials never go into the options: workers take them from
 *       their own environment, so they appear in no job graph, log or manifest.
 * </ul>
 */
public final class StorageSetup {
  /** Beam's default S3 upload part (64 MB) times the open files of a normalize worker is too much heap. */
  static final int UPLOAD_PART_BYTES = 8 << 20;

  private StorageSetup() {}

  /**
   * Configures {@code options} for {@code locations} and registers the file systems.
   *
   * @param explicit option names the user gave (so that their values are left alone)
   */
  public static void configure(PipelineOptions options, Collection<String> locations, Collection<String> explicit) {
    String hdfs = null;
    boolean s3 = false;
    for (String l : locations) {
      String scheme = Storage.scheme(l);
      if ((scheme.equals("hdfs") || scheme.equals("webhdfs")) && hdfs == null) {
        hdfs = l;
      }
      s3 |= scheme.equals("s3");
    }
    if (hdfs != null) {
      HadoopFileSystemOptions h = options.as(HadoopFileSystemOptions.class);
      if (h.getHdfsConfiguration() == null) {
        URI uri = URI.create(hdfs);
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", uri.getScheme() + "://" + uri.getRawAuthority());
        h.setHdfsConfiguration(List.of(conf));
      }
    }
    if (s3) {
      S3Options o = options.as(S3Options.class);
      if (o.getEndpoint() == null) {
        String env = firstNonEmpty(System.getenv("AWS_ENDPOINT_URL_S3"), System.getenv("AWS_ENDPOINT_URL"));
        if (env != null) {
          o.setEndpoint(URI.create(env));
        }
      }
      if (o.getEndpoint() != null) {
        if (!explicit.contains("s3ClientFactoryClass")) {
          o.setS3ClientFactoryClass(S3CompatibleClientFactory.class);
        }
        if (!explicit.contains("awsRegion") && regionOrNull(o) == null) {
          o.setAwsRegion(Region.US_EAST_1);
        }
      }
      if (!explicit.contains("s3UploadBufferSizeBytes")) {
        o.setS3UploadBufferSizeBytes(UPLOAD_PART_BYTES);
      }
    }
    FileSystems.setDefaultPipelineOptions(options);
  }

  private static Region regionOrNull(S3Options o) {
    try {
      return o.getAwsRegion();
    } catch (RuntimeException e) {
      return null; // no region in the environment or profile
    }
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
