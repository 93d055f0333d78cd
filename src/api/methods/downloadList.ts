import { downloadListFilterSchema, listDownloadList } from '../../admin/downloadList';
import { onConnection } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

export function downloadListMethods(core: Core) {
  return [
    method(
      'downloadList.list',
      'The download instructions queue (sp_help_downloadlist) with any of its filters.',
      downloadListFilterSchema.extend(onConnection),
      ({ connectionId, ...filter }) => listDownloadList(core.master(connectionId), filter),
    ),
  ];
}
