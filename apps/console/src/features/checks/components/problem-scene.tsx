import { Alert, Image, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { apiUrl } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useArtifactText } from '../api/check-api';
import {
  decodeBase64Text,
  prettyJson,
  readableScene,
  sceneStatusOf,
  type ArtifactKind,
  type EvidenceArtifact,
} from '../run-evidence';

const KIND_LABELS = {
  screenshot: 'scene.screenshot',
  response: 'scene.response',
  console: 'scene.console',
  network: 'scene.network',
} as const satisfies Record<ArtifactKind, string>;

function Screenshot({ artifact }: { artifact: EvidenceArtifact }) {
  const { t } = useI18n();
  const { source } = artifact;
  // The session cookie goes with <img> requests, so a stored screenshot needs no fetch of its own.
  const src =
    source.type === 'inline'
      ? `data:${artifact.contentType};base64,${source.dataBase64}`
      : apiUrl(source.path);
  return (
    <div data-testid="scene-screenshot">
      <Image
        src={src}
        alt={t('scene.screenshot')}
        className="scene-screenshot"
        fallback="data:image/gif;base64,R0lGODlhAQABAAAAACw="
      />
    </div>
  );
}

function JsonText({ text, kind }: { text: string; kind: ArtifactKind }) {
  const { t } = useI18n();
  const pretty = useMemo(() => (kind === 'response' ? readableScene(text) : prettyJson(text)), [text, kind]);
  const status = kind === 'response' ? sceneStatusOf(text) : null;
  return (
    <>
      {status !== null && (
        <Tag color={status >= 400 ? 'error' : 'default'} data-testid="scene-status">
          {t('scene.status', { status })}
        </Tag>
      )}
      <pre className="scene-json" data-testid={`scene-${kind}`}>
        {pretty}
      </pre>
    </>
  );
}

function StoredJson({ artifact, path }: { artifact: EvidenceArtifact; path: string }) {
  const { t } = useI18n();
  const content = useArtifactText(path, true);
  if (content.error)
    return (
      <Alert type="warning" showIcon message={t('scene.loadFailed', { message: content.error.message })} />
    );
  if (content.data === undefined) return <Spin size="small" />;
  return <JsonText text={content.data} kind={artifact.kind} />;
}

function ArtifactContent({ artifact }: { artifact: EvidenceArtifact }) {
  const { source } = artifact;
  if (artifact.kind === 'screenshot' || artifact.contentType.startsWith('image/'))
    return <Screenshot artifact={artifact} />;
  if (source.type === 'api') return <StoredJson artifact={artifact} path={source.path} />;
  return <JsonText text={decodeBase64Text(source.dataBase64)} kind={artifact.kind} />;
}

/**
 * The problem scene of a step: its screenshot, the request and response as the probe saw them, console errors and
 * failed requests. The same component shows a try run's inline artifacts and a stored run's fetched ones.
 */
export function ProblemScene({
  artifacts,
  isFailure,
}: {
  artifacts: readonly EvidenceArtifact[];
  /** A passed step's artifacts (a screenshot kept on success) are evidence, not a problem scene. */
  isFailure: boolean;
}) {
  const { t } = useI18n();
  if (artifacts.length === 0) return null;
  return (
    <div className="problem-scene" data-testid="problem-scene">
      <Typography.Text strong>{isFailure ? t('scene.title') : t('scene.evidence')}</Typography.Text>
      {artifacts.map((artifact) => (
        <Space key={artifact.key} direction="vertical" size={4} className="scene-artifact">
          <Typography.Text type="secondary">{t(KIND_LABELS[artifact.kind])}</Typography.Text>
          <ArtifactContent artifact={artifact} />
        </Space>
      ))}
    </div>
  );
}
