// 在职党员报到: date, community, 服务意向, 专业特长 and the employer's 组织推荐信. On success the new report's 登记卡
// opens for preview / printing (onReported gets the report).
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { MemberDetailT, MemberReportT } from '../../../shared/contract';
import { ERR, UI } from '../../../shared/messages';
import { useCommunities, useMutationFor } from '../../api/queries';
import { formatDate, textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { todayIso } from './memberFormat';

const FIELDS = ['reportDate', 'communityId', 'serviceIntent', 'skills', 'letterReceived', 'letterDate'] as const;
const R = UI.reports;

export function ReportModal({
  member,
  opened,
  onClose,
  onReported,
}: {
  member: MemberDetailT;
  opened: boolean;
  onClose: () => void;
  onReported: (r: MemberReportT) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={R.title(member.name)} size="lg">
      {opened && <ReportForm member={member} onClose={onClose} onReported={onReported} />}
    </Modal>
  );
}

function ReportForm({
  member,
  onClose,
  onReported,
}: {
  member: MemberDetailT;
  onClose: () => void;
  onReported: (r: MemberReportT) => void;
}) {
  const communities = useCommunities(false);
  const [reportDate, setReportDate] = useState(todayIso());
  const [communityId, setCommunityId] = useState<string | null>(String(member.communityId));
  const [serviceIntent, setServiceIntent] = useState('');
  const [skills, setSkills] = useState<string[]>(member.skills);
  const [letterReceived, setLetterReceived] = useState(false);
  const [letterDate, setLetterDate] = useState('');
  const errors = useFieldErrors(FIELDS);
  const create = useMutationFor('reports.create', {
    onSuccess: (r) => {
      notifySaved(R.done(member.name, r.cardNo));
      onClose();
      onReported(r);
    },
    onError: errors.handle,
  });
  const last = member.reports[0];

  const submit = () => {
    errors.clear();
    if (!reportDate) return errors.set('reportDate', ERR.required);
    if (!communityId) return errors.set('communityId', ERR.required);
    if (letterReceived && !letterDate) return errors.set('letterDate', ERR.letterDateRequired);
    create.mutate({
      memberId: member.id,
      communityId: Number(communityId),
      reportDate,
      serviceIntent: textOrNull(serviceIntent),
      skills,
      letterReceived,
      letterDate: letterReceived ? letterDate : null,
    });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {last && (
          <Alert color="yellow" variant="light">
            {R.again(formatDate(last.reportDate))}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            type="date"
            label={R.date}
            value={reportDate}
            onChange={(e) => {
              setReportDate(e.currentTarget.value);
              errors.clear('reportDate');
            }}
            error={errors.errors.reportDate}
            withAsterisk
            data-autofocus
          />
          <Select
            label={R.community}
            data={(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            value={communityId}
            onChange={(v) => {
              setCommunityId(v);
              errors.clear('communityId');
            }}
            error={errors.errors.communityId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={UI.common.nothingFound}
            withAsterisk
          />
        </SimpleGrid>
        <Textarea
          label={R.serviceIntent}
          placeholder={R.serviceIntentPlaceholder}
          value={serviceIntent}
          onChange={(e) => {
            setServiceIntent(e.currentTarget.value);
            errors.clear('serviceIntent');
          }}
          error={errors.errors.serviceIntent}
          maxLength={200}
          autosize
          minRows={2}
        />
        <TagsInput
          label={R.skills}
          placeholder={UI.members.skillsPlaceholder}
          value={skills}
          onChange={(v) => {
            setSkills(v);
            errors.clear('skills');
          }}
          error={errors.errors.skills}
          maxTags={20}
        />
        <Group align="flex-end" gap="lg">
          <Checkbox
            label={R.letterReceived}
            checked={letterReceived}
            onChange={(e) => {
              setLetterReceived(e.currentTarget.checked);
              if (e.currentTarget.checked && !letterDate) setLetterDate(reportDate);
              errors.clear('letterReceived');
              errors.clear('letterDate');
            }}
            mb={8}
          />
          {letterReceived && (
            <TextInput
              type="date"
              label={R.letterDate}
              value={letterDate}
              onChange={(e) => {
                setLetterDate(e.currentTarget.value);
                errors.clear('letterDate');
              }}
              error={errors.errors.letterDate}
              withAsterisk
            />
          )}
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {R.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
